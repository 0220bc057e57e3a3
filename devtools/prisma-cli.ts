import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../config';
import type { Provider } from './prisma-schema';
import { prismaConfigPath } from './prisma-schema';

const prismaBin = path.join(projectRoot, 'node_modules', '.bin', 'prisma');

/**
 * Runs the Prisma CLI for one provider and returns its stdout; a failure throws with its output.
 * `databaseUrl` must be of the provider's kind: without one the CLI falls back to the binary
 * query engine and tries to download it, and `migrate diff` connects through the adapter.
 */
export function runPrismaCli(provider: Provider, args: string[], databaseUrl: string): Promise<string> {
  const env = { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  return new Promise((resolve, reject) => {
    execFile(
      prismaBin,
      [...args, '--config', prismaConfigPath[provider]],
      { cwd: projectRoot, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`prisma ${args.join(' ')} (${provider}) failed:\n${stderr || stdout || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** For commands that never connect (generate), or connect without writing (an SQLite diff, in memory). */
export const placeholderUrl: Record<Provider, string> = {
  sqlite: 'file::memory:',
  postgresql: 'postgresql://placeholder.invalid/laurel',
};
