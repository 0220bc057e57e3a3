// npm run migrate: applies pending migrations to the configured database.
import { configOrExit } from '../config';
import { applyMigrations } from '../db/migrate';

async function main() {
  const config = configOrExit();
  const applied = await applyMigrations(config.databaseUrl);
  if (applied.length === 0) console.log('migrate: database is up to date');
  for (const name of applied) console.log(`migrate: applied ${name}`);
}

main().catch((err) => {
  console.error('migrate:', err instanceof Error ? err.message : err);
  process.exit(1);
});
