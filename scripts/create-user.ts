// npm run users:create -- --username <u> --email <e> --roles secretariat [--display-name <name>] [--unit <unit name>] [--fields a,b]
// Creates an account — the first secretariat of a production install — and prints its one-time
// link to set a password. The invitation email is queued too; it is sent once Temporal is up.
import { Client } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { campaignWorkflows } from '../gateway/campaign-workflows';
import { caseWorkflows } from '../gateway/case-workflows';
import { emailWorkflows } from '../gateway/email-workflows';
import { configOrExit } from '../config';
import { connectClient, dataConverter } from '../config/temporal';
import { createDb } from '../db/client';
import { sharedRateCounters } from '../db/rate-limits';
import { findUnitByName } from '../db/units';
import { AppError } from '../domain/errors';
import { ROLES } from '../domain/roles';
import type { Role } from '../domain/roles';
import { createUserBody } from '../domain/schemas';
import { createAccount } from '../use-cases/people';

function fail(message: string, code = 64): never {
  console.error(`users:create: ${message}`);
  process.exit(code);
}

async function main() {
  const { values } = parseArgs({
    options: { username: { type: 'string' }, email: { type: 'string' }, roles: { type: 'string' }, 'display-name': { type: 'string' }, unit: { type: 'string' }, fields: { type: 'string' } },
  });
  const list = (v?: string) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const roles = list(values.roles);
  if (!values.username || !values.email || roles.length === 0) fail(`usage: npm run users:create -- --username <u> --email <e> --roles ${ROLES.join('|')}[,…] [--display-name <name>] [--unit <unit name>] [--fields a,b]`);

  const config = configOrExit();
  const db = createDb(config.databaseUrl);
  try {
    const unit = values.unit ? await findUnitByName(db, values.unit) : null;
    if (values.unit && !unit) fail(`no unit named "${values.unit}"`, 65);
    const parsed = createUserBody.safeParse({ username: values.username, displayName: values['display-name'] ?? values.username, email: values.email, roles: roles as Role[], fields: list(values.fields), ...(unit && { unitId: unit.id }) });
    if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 65);
    // Temporal may not run yet on a new install: the account and its email are stored all the same,
    // and the housekeeping sends the email once it runs.
    const connection = await connectClient(config).catch(() => null);
    const temporal = new Client({ ...(connection && { connection }), namespace: config.temporal.namespace, dataConverter: dataConverter(config) });
    const taskQueue = config.temporal.taskQueue;
    const emails = connection ? emailWorkflows({ temporal, taskQueue }) : { deliver: async () => {} };
    const deps = { db, config, temporal, cases: caseWorkflows({ temporal, taskQueue, db }), campaigns: campaignWorkflows({ temporal, taskQueue }), emails, rateCounters: sharedRateCounters(db, console.error) };
    const { account, link } = await createAccount(deps, null, parsed.data);
    console.log(`users:create: created ${account.username} (${account.roles.join(', ')})`);
    console.log(`users:create: one-time link to set the password (valid 72 hours): ${link}`);
    await connection?.close();
  } catch (err) {
    if (err instanceof AppError) fail(`${err.code}${err.details ? `: ${JSON.stringify(typeof err.details === 'function' ? err.details('en') : err.details)}` : ''}`, 65);
    throw err;
  } finally {
    await db.$disconnect();
  }
}

main().catch((err) => {
  console.error('users:create failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
