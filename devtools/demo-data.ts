import type { Config } from '../config';
import type { Db } from '../db/client';
import { FIELD_CODES } from '../domain/fields';
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

/** Demo accounts and the open `demo` campaign; idempotent, and never run in production. */
export async function seedDemoData(db: Db, config: Config): Promise<void> {
  if (config.production) return;
  const existing = await db.user.findMany({ select: { username: true, passwordHash: true } });
  const byName = new Map(existing.map((u) => [u.username, u.passwordHash]));
  const sample = existing[0]?.passwordHash;
  const passwordCurrent = sample !== undefined && (await verifyPassword(config.demoPassword, sample));
  // One hash for every demo account: hashing is deliberately slow, and these are demo data only.
  const hash = passwordCurrent ? sample : await hashPassword(config.demoPassword);
  for (const [i, a] of demoAccounts().entries()) {
    const data = {
      roles: JSON.stringify(a.roles),
      fields: JSON.stringify(a.fields ?? []),
      unit: a.unit ?? null,
      unitKind: a.unitKind ?? null,
      email: `${a.username}@laurel.local`,
    };
    if (!byName.has(a.username)) await db.user.create({ data: { id: `demo-${i + 1}-${a.username}`, username: a.username, passwordHash: hash, ...data } });
    else if (!passwordCurrent || byName.get(a.username) !== hash) await db.user.update({ where: { username: a.username }, data: { passwordHash: hash, ...data } });
  }
  if (!(await db.campaign.findUnique({ where: { id: 'demo' } }))) {
    const now = Date.now();
    await db.campaign.create({
      data: {
        id: 'demo',
        code: 'demo',
        title: '演示：年度最美后勤人推荐活动',
        submissionDeadline: new Date(now + 60 * DAY),
        reviewDeadline: new Date(now + 90 * DAY),
        publicNoticePeriod: 'PT5M',
      },
    });
  }
}
