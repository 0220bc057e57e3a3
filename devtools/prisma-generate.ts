import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config';
import { generateClient } from './prisma-cli';
import { clientDir, postgresSchemaPath, providers, schemaText, writePostgresSchema } from './prisma-schema';

const stampPath = path.join(projectRoot, 'generated', '.schema-hash');

function currentHash(): string {
  const prismaVersion = JSON.parse(fs.readFileSync(path.join(projectRoot, 'node_modules', 'prisma', 'package.json'), 'utf8')).version;
  const hash = createHash('sha256').update(`prisma ${prismaVersion}\n`);
  for (const provider of providers) hash.update(schemaText(provider));
  return hash.digest('hex');
}

function upToDate(hash: string): boolean {
  const clientsPresent = providers.every((p) => fs.existsSync(path.join(clientDir[p], 'index.js')));
  return clientsPresent && fs.existsSync(postgresSchemaPath) && fs.existsSync(stampPath) && fs.readFileSync(stampPath, 'utf8') === hash;
}

/** Generates both Prisma clients when the schema (or Prisma) changed since the last run; returns whether it did. */
export async function ensurePrismaClients(): Promise<boolean> {
  const hash = currentHash();
  if (upToDate(hash)) return false;
  writePostgresSchema();
  await Promise.all(providers.map(generateClient));
  fs.writeFileSync(stampPath, hash);
  return true;
}
