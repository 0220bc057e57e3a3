import { execFile } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../config';
import type { Provider } from './prisma-schema';
import { migrateConfigPath, prismaConfigPath } from './prisma-schema';

/** Prisma 7: generates the clients Laurel runs on. */
const clientCli = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js');
/** Prisma 6: its JS schema engine writes new migrations without a binary to download. */
const migrateCli = path.join(projectRoot, 'node_modules', 'prisma-migrate', 'build', 'index.js');
/**
 * Prisma 7's CLI checks for a schema-engine binary before any command, `generate` included, and
 * downloads one if the file is missing; `generate` never runs it, so its own wasm engine will do.
 */
const schemaEngineStandIn = path.join(projectRoot, 'node_modules', 'prisma', 'build', 'schema_engine_bg.wasm');

function run(cli: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: projectRoot, env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`prisma ${args.join(' ')} (${what}) failed:\n${stderr || stdout || error.message}`));
        else resolve(stdout);
      },
    );
  });
}

/** Generates one provider's client. */
export function generateClient(provider: Provider): Promise<string> {
  return run(clientCli, ['generate', '--config', prismaConfigPath[provider]], { PRISMA_SCHEMA_ENGINE_BINARY: schemaEngineStandIn }, provider);
}

/**
 * Runs Prisma 6's migrate CLI for one provider and returns its stdout; a failure throws with its
 * output. `databaseUrl` must be of the provider's kind: without one the CLI falls back to the
 * binary query engine and tries to download it, and `migrate diff` connects through the adapter.
 */
export function runMigrateCli(provider: Provider, args: string[], databaseUrl: string): Promise<string> {
  return run(migrateCli, [...args, '--config', migrateConfigPath], { DATABASE_URL: databaseUrl }, provider);
}
