import type { Config } from '../config';
import type { Db } from '../db/client';
import { FIELD_CODES } from '../domain/fields';
import { findCampaign, insertCampaign } from '../db/campaigns';
import { createUnit, findUnitByName } from '../db/units';
import { allAccounts, committeeAccounts, createUser, findUserByUsername, setPasswordHash, updateUser } from '../db/users';
import { NATIONAL_CRITERIA, NATIONAL_FIELDS, NATIONAL_UNIT_KINDS } from '../domain/campaign-config';
import type { Role } from '../domain/roles';
import { hashPassword, verifyPassword } from '../security/passwords';

// Synthetic names only: the seed notices name real people and units, which never enter the repo.
interface DemoAccount {
  username: string;
  roles: string[];
  fields?: string[];
  unit?: string;
  unitKind?: string;
}

export function demoAccounts(): DemoAccount[] {
  return [
    { username: 'secretariat', roles: ['secretariat'] },
    { username: 'auditor', roles: ['auditor'] },
    { username: 'committee1', roles: ['committee'], unit: '示例大学' },
    { username: 'committee2', roles: ['committee'], unit: '样本师范学院' },
    { username: 'committee3', roles: ['committee'], unit: '演示职业技术学院' },
    ...FIELD_CODES.flatMap((field) => [
      { username: `wg-${field}`, roles: ['working-group'], fields: [field] },
      { username: `branch-${field}`, roles: ['branch'], fields: [field] },
    ]),
    { username: 'assoc-1', roles: ['unit'], unit: '示例市教育后勤协会', unitKind: 'association' },
    { username: 'assoc-2', roles: ['unit'], unit: '样本省高校后勤协会', unitKind: 'association' },
    { username: 'member-1', roles: ['unit'], unit: '示例大学', unitKind: 'member-unit' },
    { username: 'member-2', roles: ['unit'], unit: '样本师范学院', unitKind: 'member-unit' },
    { username: 'branchoffice-1', roles: ['unit'], unit: '示例伙食管理专业委员会', unitKind: 'branch-office' },
  ];
}

const DAY = 86_400_000;

/** The demo units: every unit a demo account names, of the kind it nominates as (a reviewer's employer: a member unit). */
async function demoUnits(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const a of demoAccounts()) {
    if (!a.unit || ids.has(a.unit)) continue;
    const kind = demoAccounts().find((b) => b.unit === a.unit && b.unitKind)?.unitKind ?? 'member-unit';
    const unit = (await findUnitByName(db, a.unit)) ?? (await createUnit(db, { id: `demo-unit-${ids.size + 1}`, name: a.unit, kind }));
    ids.set(a.unit, unit.id);
  }
  return ids;
}

/** Demo units, accounts and the open `demo` campaign; idempotent, and never run in production. */
export async function seedDemoData(db: Db, config: Config): Promise<void> {
  if (config.production) return;
  const units = await demoUnits(db);
  const existing = await allAccounts(db);
  const byName = new Map(existing.map((u) => [u.username, u]));
  const sample = existing.length ? await findUserByUsername(db, existing[0].username) : null;
  const passwordCurrent = Boolean(sample?.passwordHash) && (await verifyPassword(config.demoPassword, sample!.passwordHash!));
  // One hash for every demo account: hashing is deliberately slow, and these are demo data only.
  const hash = passwordCurrent ? sample!.passwordHash! : await hashPassword(config.demoPassword);
  for (const [i, a] of demoAccounts().entries()) {
    const data = {
      displayName: a.username,
      email: `${a.username}@laurel.local`,
      roles: a.roles as Role[],
      fields: a.fields ?? [],
      campaigns: [],
      unitId: a.unit ? units.get(a.unit)! : null,
    };
    const id = byName.get(a.username)?.id ?? (await createUser(db, `demo-${i + 1}-${a.username}`, a.username, data)).id;
    if (byName.has(a.username)) await updateUser(db, id, data);
    if (!passwordCurrent || !byName.has(a.username)) await setPasswordHash(db, id, hash);
  }
  if (!(await findCampaign(db, 'demo'))) {
    const now = Date.now();
    await insertCampaign(db, {
      code: 'demo',
      title: '演示：年度最美后勤人推荐活动',
      submissionDeadline: new Date(now + 60 * DAY),
      reviewDeadline: new Date(now + 90 * DAY),
      winnerCap: 100,
      publicNoticePeriod: 'PT5M',
      fields: NATIONAL_FIELDS,
      unitKinds: NATIONAL_UNIT_KINDS,
      criteria: NATIONAL_CRITERIA,
      selfNomination: true,
      committee: (await committeeAccounts(db)).map((c) => c.id),
      // One vote decides a demo case, so a single person can walk it through.
      committeeQuorum: 1,
    });
  }
}
