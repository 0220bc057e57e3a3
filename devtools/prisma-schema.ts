import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';

export type Provider = 'sqlite' | 'postgresql';
export const providers: Provider[] = ['sqlite', 'postgresql'];

/** The one schema file people edit, and the PostgreSQL twin derived from it. */
export const schemaPath = path.join(projectRoot, 'prisma', 'schema.prisma');
export const postgresSchemaPath = path.join(projectRoot, 'generated', 'postgresql.prisma');

export const prismaConfigPath: Record<Provider, string> = {
  sqlite: path.join(projectRoot, 'prisma.config.ts'),
  postgresql: path.join(projectRoot, 'prisma', 'postgresql.config.ts'),
};

/** Prisma 6's configuration, for `npm run db:migration` only: the database kind follows DATABASE_URL. */
export const migrateConfigPath = path.join(projectRoot, 'prisma', 'migrate', 'config.ts');

/** The schemas Prisma 6 diffs, written by `npm run db:migration` (see migrationViewOf). */
export const migrateSchemaPath: Record<Provider, string> = {
  sqlite: path.join(projectRoot, 'generated', 'migrate', 'sqlite.prisma'),
  postgresql: path.join(projectRoot, 'generated', 'migrate', 'postgresql.prisma'),
};

export const clientDir: Record<Provider, string> = {
  sqlite: path.join(projectRoot, 'generated', 'prisma-sqlite'),
  postgresql: path.join(projectRoot, 'generated', 'prisma-postgresql'),
};

function swap(text: string, pattern: RegExp, replacement: string, what: string): string {
  if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: cannot find the ${what} to derive the PostgreSQL schema`);
  return text.replace(pattern, replacement);
}

/** The datamodel for a provider: PostgreSQL differs only in its provider and client output folder. */
export function schemaText(provider: Provider, source = fs.readFileSync(schemaPath, 'utf8')): string {
  if (provider === 'sqlite') return source;
  let text = swap(source, /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'sqlite datasource provider');
  // The derived file lives in generated/, and Prisma resolves `output` relative to the schema file.
  text = swap(text, /(generator\s+\w+\s*\{[^}]*?output\s*=\s*)"\.\.\/generated\/prisma-sqlite"/, '$1"../generated/prisma-postgresql"', 'generator output');
  return `// Derived from prisma/schema.prisma by devtools/prisma-schema.ts: edit that file, not this one.\n${text}`;
}

export function writePostgresSchema(): void {
  fs.mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  fs.writeFileSync(postgresSchemaPath, schemaText('postgresql'));
}

/**
 * A schema as Prisma 6's migrate CLI reads it: with the datasource URL it insists on (from the
 * environment, never a value), which Prisma 7 refuses in a schema file. Snapshots of migrations
 * written before Prisma 7 have it already.
 */
export function migrationViewOf(text: string): string {
  if (/datasource\s+\w+\s*\{[^}]*\burl\s*=/.test(text)) return text;
  return swap(text, /(datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"\w+")/, '$1\n  url      = env("DATABASE_URL")', 'datasource provider');
}
