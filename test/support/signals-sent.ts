import type { Client } from '@temporalio/client';

export interface SignalSent<T> {
  workflowId: string;
  message: T;
}

/**
 * Every signal of this name a workflow sent to others, in order, across every run it continued as
 * new into, read from the histories; and how many runs there were.
 */
export async function signalsSent<T>(client: Client, workflowId: string, signalName: string): Promise<{ runs: number; signals: SignalSent<T>[] }> {
  const latest = await client.workflow.getHandle(workflowId).fetchHistory();
  const signals: SignalSent<T>[] = [];
  let runs = 0;
  for (let runId = latest.events?.[0]?.workflowExecutionStartedEventAttributes?.firstExecutionRunId ?? undefined; runId; runs++) {
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    for (const e of events) {
      const sent = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
      if (sent?.signalName !== signalName) continue;
      signals.push({ workflowId: sent.workflowExecution!.workflowId!, message: client.options.loadedDataConverter.payloadConverter.fromPayload(sent.input!.payloads![0]) });
    }
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return { runs, signals };
}
