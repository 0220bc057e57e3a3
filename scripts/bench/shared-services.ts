import path from 'node:path';
import { temporalCliPath } from '../../devtools/temporal-binaries';
import { waitForTemporal } from '../../devtools/wait-for';
import { BenchProcess, tsEntry } from './bench-process';
import type { MeasuredPart } from './cpu';
import { freePort } from '../support/free-port';

/** What both sides share: one Temporal dev server and one mail catcher. */
export interface SharedServices {
  temporalAddress: string;
  smtpUrl: string;
  mailDir: string;
  parts: MeasuredPart[];
  processes: BenchProcess[];
}

export type ProcessOutput = (name: string, line: string) => void;
export type OnDeath = (name: string, description: string) => void;

/** The Temporal dev server as `npm start` runs it (SQLite persistence in a file) and the mail catcher, on free ports in `dir`. */
export async function startSharedServices(dir: string, output: ProcessOutput, onDeath: OnDeath): Promise<SharedServices> {
  const temporalPort = await freePort();
  const temporalAddress = `127.0.0.1:${temporalPort}`;
  const mailDir = path.join(dir, 'mail');
  const temporal = await BenchProcess.start(
    {
      name: 'temporal',
      command: temporalCliPath(),
      args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(temporalPort), '--headless', '--db-filename', path.join(dir, 'temporal.db'),
        '--namespace', 'default', '--log-level', 'warn'],
      cwd: dir,
      env: process.env,
      // The CLI prints its banner once the frontend serves.
      readyLine: /Temporal Server:/,
    },
    output,
    onDeath,
  );
  await waitForTemporal(temporalAddress, 'default', new AbortController().signal);
  // Chosen only now: the dev server takes free ports of its own (HTTP API, metrics) as it starts.
  const mailPort = await freePort();
  const env = { ...process.env, NODE_ENV: 'development', MAIL_CATCHER_PORT: String(mailPort), VAR_DIR: dir };
  const mail = await BenchProcess.start(tsEntry('mail', 'devtools/mail-catcher-main.ts', env, /mail catcher: SMTP on/), output, onDeath);
  return {
    temporalAddress,
    smtpUrl: `smtp://127.0.0.1:${mailPort}`,
    mailDir,
    parts: [
      { name: 'temporal', pid: temporal.pid, side: 'shared' },
      { name: 'mail', pid: mail.pid, side: 'shared' },
    ],
    processes: [temporal, mail],
  };
}
