import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toolsDir } from './temporal-binaries';

// A peer's fuzzer, not ours: pinned like the Temporal wheels, so a run is reproducible with its seed.
const PINNED = { name: 'schemathesis', version: '4.32.5' };

/** A pip --target folder of its own: pip --target does not merge a second install into an existing bin/. */
export const schemathesisDir = path.join(toolsDir, 'schemathesis');

function installed(): boolean {
  return fs.existsSync(path.join(schemathesisDir, `${PINNED.name}-${PINNED.version}.dist-info`));
}

function pipInstall(target: string): Promise<void> {
  const spec = `${PINNED.name}==${PINNED.version}`;
  const args = ['-m', 'pip', 'install', '--target', target, '--quiet', '--disable-pip-version-check', '--no-input', '--root-user-action=ignore', spec];
  return new Promise((resolve, reject) => {
    execFile('python3', args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`installing ${spec} with pip failed:\n${stderr || stdout || error.message}`)) : resolve(),
    );
  });
}

/** Installs the pinned Schemathesis (with its dependencies) under .tools/ unless it is there; returns whether it did. */
export async function ensureSchemathesis(): Promise<boolean> {
  if (installed()) return false;
  // Installed beside the old folder and swapped in whole, so nothing ever runs a half-installed tool.
  const staging = `${schemathesisDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await pipInstall(staging);
    fs.rmSync(schemathesisDir, { recursive: true, force: true });
    fs.renameSync(staging, schemathesisDir);
  } catch (err) {
    // Another set-up running at the same time may have swapped in the same version first.
    if (!installed()) throw err;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return true;
}

/** How to run the installed Schemathesis CLI with `args`. */
export function schemathesisCommand(args: string[]): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: 'python3',
    args: ['-m', 'schemathesis.cli', ...args],
    // The target folder's console scripts name the interpreter that installed them; the module needs only the path.
    env: { ...process.env, PYTHONPATH: schemathesisDir, PYTHONNOUSERSITE: '1' },
  };
}
