import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporalHistories } from '../../audit/temporal-histories';

// The adapter from a Temporal client to the history store's WorkflowHistories.

/** A client whose handles answer with `answer` (or throw it), recording the workflow and run asked for. */
function fakeClient(answer: { history?: unknown; status?: string; runId?: string; error?: Error }) {
  const asked: [string, string | undefined][] = [];
  const settle = <T>(value: T) => (answer.error ? Promise.reject(answer.error) : Promise.resolve(value));
  const client = {
    workflow: {
      getHandle(workflowId: string, runId?: string) {
        asked.push([workflowId, runId]);
        return {
          fetchHistory: () => settle(answer.history),
          describe: () => settle({ runId: answer.runId, status: { name: answer.status } }),
        };
      },
    },
  } as unknown as Client;
  return { client, asked };
}

test('a run’s history is fetched by workflow id and run id', async () => {
  const history = { events: [] };
  const { client, asked } = fakeClient({ history });
  expect(await temporalHistories(client).fetch('wf-1', 'run-1')).toBe(history);
  expect(asked).toEqual([['wf-1', 'run-1']]);
});

test('a description says which run is the latest and whether it is still running', async () => {
  expect(await temporalHistories(fakeClient({ runId: 'run-2', status: 'RUNNING' }).client).describe('wf-1')).toEqual({ runId: 'run-2', running: true });
  expect(await temporalHistories(fakeClient({ runId: 'run-2', status: 'COMPLETED' }).client).describe('wf-1')).toEqual({ runId: 'run-2', running: false });
});

test('a workflow the server no longer holds answers null; any other error is thrown', async () => {
  const gone = temporalHistories(fakeClient({ error: new WorkflowNotFoundError('gone', 'wf-1', undefined) }).client);
  expect(await gone.fetch('wf-1')).toBeNull();
  expect(await gone.describe('wf-1')).toBeNull();
  const down = temporalHistories(fakeClient({ error: new Error('connection refused') }).client);
  await expect(down.fetch('wf-1')).rejects.toThrow('connection refused');
  await expect(down.describe('wf-1')).rejects.toThrow('connection refused');
});
