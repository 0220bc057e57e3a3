import type { SignalDefinition } from '@temporalio/workflow';
import { getExternalWorkflowHandle } from '@temporalio/workflow';
import { caseWorkflowId } from './contract';

/** Signals sent at once: a campaign's thousands of cases are told in batches, not in one workflow task. */
const SIGNAL_BATCH = 50;

/**
 * Sends each case its own signal, 50 at a time, in the order given. A case whose workflow has
 * finished since has nothing left to hear: its signal is dropped.
 */
export async function signalCases<T>(signal: SignalDefinition<[T]>, messages: readonly { caseId: string; message: T }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SIGNAL_BATCH) {
    await Promise.all(
      messages.slice(i, i + SIGNAL_BATCH).map(({ caseId, message }) =>
        getExternalWorkflowHandle(caseWorkflowId(caseId))
          .signal(signal, message)
          .catch(() => undefined),
      ),
    );
  }
}
