import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 200;

/**
 * Reads until `ready` holds: for what happens in another process that offers no notification (a
 * workflow's step, an inbox filling). Throws, naming `what` and the last value read, after `timeoutMs`;
 * throws the reason once `stop` is aborted.
 */
export async function pollUntil<T>(what: string, read: () => Promise<T>, ready: (value: T) => boolean, timeoutMs: number, stop?: AbortSignal): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    stop?.throwIfAborted();
    const value = await read();
    if (ready(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s; last read ${JSON.stringify(value)?.slice(0, 300)}`);
    await sleep(POLL_MS, undefined, { signal: stop });
  }
}
