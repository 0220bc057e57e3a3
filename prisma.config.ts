// Prisma CLI configuration for generating the SQLite client (PostgreSQL: prisma/postgresql.config.ts).
// Laurel applies its migrations itself (db/migrate.ts) and writes new ones with Prisma 6's JS schema
// engine (prisma/migrate/config.ts): Prisma 7's CLI needs a schema-engine binary this machine cannot download.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
});
