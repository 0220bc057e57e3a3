// `npm run db:migration` on SQLite: Prisma 6's CLI with its JS schema engine and a driver adapter,
// which diffs schemas with no binary to download. Its schema is the copy with a datasource URL
// that the script writes (Prisma 6 wants one; Prisma 7, which generates the client, refuses it).
import path from 'node:path';
import { defineConfig } from 'prisma-migrate/config';
import { PrismaLibSQL } from 'prisma-migrate-adapter-libsql';
import { isPostgres, loadConfig } from '../../config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '..', '..', 'generated', 'migrate', 'sqlite.prisma'),
  async adapter() {
    const url = loadConfig().databaseUrl;
    if (isPostgres(url)) throw new Error('DATABASE_URL is PostgreSQL: use prisma/migrate/postgresql.config.ts');
    return new PrismaLibSQL({ url });
  },
});
