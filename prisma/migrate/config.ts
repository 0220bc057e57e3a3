// `npm run db:migration`: Prisma 6's CLI with its JS schema engine and a driver adapter, which diffs
// schemas with no binary to download, for the database kind DATABASE_URL names. Its schema is the
// copy with a datasource URL that the script writes (Prisma 6 wants one; Prisma 7, which generates
// the client, refuses it).
import path from 'node:path';
import { defineConfig } from 'prisma-migrate/config';
import { PrismaLibSQL } from 'prisma-migrate-adapter-libsql';
import { PrismaPg } from 'prisma-migrate-adapter-pg';
import { isPostgres, loadConfig } from '../../config';

const url = loadConfig().databaseUrl;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '..', '..', 'generated', 'migrate', isPostgres(url) ? 'postgresql.prisma' : 'sqlite.prisma'),
  async adapter() {
    // A short idle timeout lets the CLI exit at once instead of waiting for the pool.
    return isPostgres(url) ? new PrismaPg({ connectionString: url, idleTimeoutMillis: 100 }) : new PrismaLibSQL({ url });
  },
});
