// npm run db:migration -- <name>
// Writes prisma/migrations/<provider>/<timestamp>_<name>/ for SQLite and PostgreSQL: the SQL that
// takes the newest migration's schema snapshot to the current prisma/schema.prisma, and the new snapshot.
import fs from 'node:fs';
import path from 'node:path';
import { isPostgres, projectRoot } from '../config';
import { runMigrateCli } from '../devtools/prisma-cli';
import type { Provider } from '../devtools/prisma-schema';
import { migrateSchemaPath, migrationViewOf, providers, schemaText, writePostgresSchema } from '../devtools/prisma-schema';

const SNAPSHOT = 'schema.prisma';

// The diff connects through the adapter and never writes: SQLite in memory, any reachable PostgreSQL server.
const diffUrl: Record<Provider, string> = {
  sqlite: 'file::memory:',
  postgresql: isPostgres(process.env.DATABASE_URL ?? '') ? process.env.DATABASE_URL! : 'postgresql://postgres@127.0.0.1:5432/postgres',
};

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

function latestSnapshot(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  const latest = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .at(-1);
  if (!latest) return undefined;
  const snapshot = path.join(dir, latest, SNAPSHOT);
  if (!fs.existsSync(snapshot)) throw new Error(`${path.relative(projectRoot, snapshot)} is missing: cannot tell what the newest migration produced`);
  return snapshot;
}

function isEmpty(sql: string): boolean {
  return sql.replace(/--.*$/gm, '').trim() === '';
}

async function newMigration(provider: Provider, folderName: string): Promise<string | undefined> {
  const dir = path.join(projectRoot, 'prisma', 'migrations', provider);
  const from = latestSnapshot(dir);
  const to = migrateSchemaPath[provider];
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, migrationViewOf(schemaText(provider)));
  let fromArgs = ['--from-empty'];
  if (from) {
    const fromView = to.replace(/\.prisma$/, '-from.prisma');
    fs.writeFileSync(fromView, migrationViewOf(fs.readFileSync(from, 'utf8')));
    fromArgs = ['--from-schema-datamodel', fromView];
  }
  const sql = await runMigrateCli(provider, ['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', to, '--script'], diffUrl[provider]);
  if (isEmpty(sql)) return undefined;
  const folder = path.join(dir, folderName);
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'migration.sql'), sql);
  fs.writeFileSync(path.join(folder, SNAPSHOT), schemaText(provider));
  return path.relative(projectRoot, folder);
}

async function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: npm run db:migration -- <name>   (lower-case letters, digits and _)');
    process.exit(64);
  }
  writePostgresSchema();
  const folderName = `${timestamp()}_${name}`;
  for (const provider of providers) {
    const written = await newMigration(provider, folderName);
    console.log(written ? `${provider}: wrote ${written}` : `${provider}: no changes`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
