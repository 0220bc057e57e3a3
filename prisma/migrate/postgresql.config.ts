// `npm run db:migration` on PostgreSQL: as prisma/migrate/sqlite.config.ts, through the pg adapter.
import path from 'node:path';
import { defineConfig } from 'prisma-migrate/config';
import { PrismaPg } from 'prisma-migrate-adapter-pg';
import { isPostgres, loadConfig } from '../../config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '..', '..', 'generated', 'migrate', 'postgresql.prisma'),
  async adapter() {
    const url = loadConfig().databaseUrl;
    if (!isPostgres(url)) throw new Error('DATABASE_URL must be a postgresql:// URL for this configuration');
    // A short idle timeout lets the CLI exit at once instead of waiting for the pool.
    return new PrismaPg({ connectionString: url, idleTimeoutMillis: 100 });
  },
});
