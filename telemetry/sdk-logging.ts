import { DefaultLogger, Runtime } from '@temporalio/worker';
import { inspect } from 'node:util';
import { redactPersonalData } from '../domain/personal-data';

/**
 * The SDK's log, at `level` and redacted: an activity's failure can quote the values that caused it
 * (database drivers do), and the SDK logs each bundling and state change at INFO.
 */
export function installRuntimeLogger(level: 'INFO' | 'WARN'): void {
  Runtime.install({
    logger: new DefaultLogger(level, ({ level: at, timestampNanos, message, meta }) => {
      const time = new Date(Number(timestampNanos / 1_000_000n)).toISOString();
      process.stderr.write(redactPersonalData(`${time} [${at}] ${message}${meta ? ` ${inspect(meta, { breakLength: Infinity, depth: 4 })}` : ''}`) + '\n');
    }),
  });
}
