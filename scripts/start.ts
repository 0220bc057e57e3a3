// npm start: set up, then run Laurel locally — Temporal dev server, mail catcher, worker, API —
// and keep them running until Ctrl-C.
import fs from 'node:fs';
import path from 'node:path';
import { configOrExit, projectRoot } from '../config';
import type { ChildSpec } from '../devtools/supervisor';
import { Supervisor } from '../devtools/supervisor';
import { temporalCliPath } from '../devtools/temporal-binaries';
import { freeLocalPort, startWebUiProxy, webUiFlags } from '../devtools/temporal-web-ui';
import { waitForPort, waitForTemporal } from '../devtools/wait-for';
import { setup } from './setup';

/**
 * Between SIGTERM and SIGKILL for each child. The children stop one after another, so that
 * stopping takes under 10 s even when all four hang (a worker still bundling its workflows does).
 */
const STOP_GRACE_MS = 2_000;

/** A TypeScript entry point as a child process, through tsx, with this process's environment. */
function tsEntry(name: string, file: string, ready?: ChildSpec['ready']): ChildSpec {
  return { name, command: process.execPath, args: ['--import', 'tsx', path.join(projectRoot, file)], cwd: projectRoot, restart: true, ready };
}

/**
 * The children run detached, in sessions of their own, so nothing reaches them but the
 * supervisor: every way this process can be told to go must stop them first.
 */
function stopOnEveryEnding(supervisor: Supervisor, launcher: number): void {
  supervisor.stopOnSignals();
  // A closed terminal.
  process.on('SIGHUP', () => void supervisor.stop(0));
  // Orphaned: whatever launched us (npm through scripts/bootstrap.js) is gone.
  const watch = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(watch);
    console.error('start: the launching process has gone away: stopping');
    void supervisor.stop(0);
  }, 200);
  watch.unref();
  void supervisor.done.then(() => clearInterval(watch));
  // Whoever reads our output may be gone too; that must not cut the stop short.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

async function main() {
  const launcher = process.ppid;
  const config = configOrExit();
  await setup({ config });

  const { temporal, mail, port } = config;
  // The Web UI listens on a side port behind a proxy on TEMPORAL_UI_PORT that also serves the
  // API's codec endpoint: same-origin, its payloads show decrypted for a signed-in secretariat or auditor.
  const internalUiPort = await freeLocalPort();
  const supervisor = new Supervisor({
    stopTimeoutMs: STOP_GRACE_MS,
    // The dev server names the UI's side port; the address to open is the proxy's.
    output: (name, line) => console.log(`${name.padEnd(8)}| ${line.replace(`localhost:${internalUiPort}`, `localhost:${temporal.uiPort}`)}`),
  });
  stopOnEveryEnding(supervisor, launcher);
  const temporalDb = path.join(config.varDir, 'temporal', 'dev.db');
  fs.mkdirSync(path.dirname(temporalDb), { recursive: true });
  try {
    await supervisor.start({
      name: 'temporal',
      command: temporalCliPath(),
      args: ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(temporal.devPort), ...webUiFlags(internalUiPort),
        '--db-filename', temporalDb, '--namespace', temporal.namespace, '--log-level', 'warn'],
      restart: false,
      ready: (signal) => waitForTemporal(`127.0.0.1:${temporal.devPort}`, temporal.namespace, signal),
    });
    await startWebUiProxy({ port: temporal.uiPort, uiPort: internalUiPort, apiPort: port });
    await supervisor.start(tsEntry('mail', 'devtools/mail-catcher-main.ts', (signal) => waitForPort(mail.catcherPort, signal)));
    await supervisor.start(tsEntry('worker', 'worker/main.ts'));
    await supervisor.start(tsEntry('api', 'api/main.ts', (signal) => waitForPort(port, signal)));
    console.log(
      [
        '',
        `Laurel is running (Ctrl-C stops it):`,
        `  API              http://localhost:${port}`,
        `  OpenAPI          http://localhost:${port}/openapi.json`,
        `  Temporal Web UI  http://localhost:${temporal.uiPort}`,
        `  Mail caught      http://localhost:${port}/dev/mail`,
        '',
      ].join('\n'),
    );
  } catch (err) {
    // A Ctrl-C during start-up also lands here: that is a stop, not a failure.
    if (!supervisor.stopping) {
      console.error(`start: ${err instanceof Error ? err.message : err}`);
      void supervisor.stop(1);
    }
  }
  process.exit(await supervisor.done);
}

main().catch((err) => {
  console.error('start failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
