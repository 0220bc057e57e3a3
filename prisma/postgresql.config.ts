// Prisma CLI configuration for generating the PostgreSQL client from the twin of prisma/schema.prisma
// (see devtools/prisma-schema.ts).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join(__dirname, '..', 'generated', 'postgresql.prisma'),
});
