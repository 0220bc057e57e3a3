// Prisma CLI configuration for the SQLite schema (PostgreSQL: prisma/postgresql.config.ts).
// The JS schema engine with a driver adapter is what runs here without downloading engine binaries.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaLibSQL } from '@prisma/adapter-libsql';
import { isPostgres, loadConfig } from './config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, 'prisma', 'schema.prisma'),
  async adapter() {
    const url = loadConfig().databaseUrl;
    if (isPostgres(url)) throw new Error('DATABASE_URL is PostgreSQL: use --config prisma/postgresql.config.ts');
    return new PrismaLibSQL({ url });
  },
});
