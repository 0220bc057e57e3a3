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

/**
 * Reads cases a page at a time (`read(after)`, in a stable order) and tells each page, from the
 * case after `from`, until a short page ends it — or `stop()` says the history has grown too long
 * to go on: then answers the last case told, for the next run to go on from. Null when all were told.
 */
export async function tellInPages<C>(read: (after: C | null) => Promise<C[]>, tell: (page: C[]) => Promise<void>, from: C | null, stop: () => boolean): Promise<C | null> {
  for (let after = from; ; ) {
    const page = await read(after);
    await tell(page);
    if (page.length < CASES_A_PAGE) return null;
    after = page[page.length - 1];
    if (stop()) return after;
  }
}

/** Cases read and told a page: a page's signals add about 1,000 events to a history. */
export const CASES_A_PAGE = 500;
