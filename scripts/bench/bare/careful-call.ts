import { WorkflowUpdateFailedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';

const MAX_ATTEMPTS = 5;

/**
 * `call` sent again, as Laurel's client does with its Idempotency-Key, after a failure that is not
 * the workflow's own answer (a server too busy to answer in time, a connection lost); each such
 * failure is written to `retried`. The call must be idempotent: a workflow id with USE_EXISTING,
 * an Update with its id, a Signal the workflow takes once.
 */
export async function sentAgain<T>(what: string, retried: string[], call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || attempt >= MAX_ATTEMPTS) throw err;
      retried.push(`${what} attempt ${attempt}: ${err instanceof Error ? err.message : err}`);
      await sleep(Math.min(250 * 2 ** (attempt - 1), 5_000));
    }
  }
}
