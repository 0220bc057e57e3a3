import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Connection } from '@temporalio/client';

/** Calls `probe` until it succeeds, `signal` aborts, or `timeoutMs` passes (then throws, naming `what`). */
async function poll(what: string, probe: () => Promise<void>, signal: AbortSignal, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (err) {
      if (signal.aborted) throw new Error(`stopped waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s: ${err instanceof Error ? err.message : err}`);
    }
    await sleep(250, undefined, { signal }).catch(() => {});
  }
}

/** Resolves once something accepts TCP connections on host:port. */
export function waitForPort(port: number, signal: AbortSignal, host = '127.0.0.1', timeoutMs = 60_000): Promise<void> {
  const probe = () =>
    new Promise<void>((resolve, reject) => {
      const socket = net.connect({ port, host }, () => {
        socket.end();
        resolve();
      });
      socket.once('error', reject);
    });
  return poll(`${host}:${port}`, probe, signal, timeoutMs);
}

/** Resolves once the Temporal server at `address` answers for `namespace`. */
export function waitForTemporal(address: string, namespace: string, signal: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const probe = async () => {
    const connection = await Connection.connect({ address, connectTimeout: 1_000 });
    try {
      await connection.workflowService.describeNamespace({ namespace });
    } finally {
      await connection.close();
    }
  };
  return poll(`Temporal at ${address} (namespace ${namespace})`, probe, signal, timeoutMs);
}
