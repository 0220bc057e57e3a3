import { randomUUID } from 'node:crypto';
import { taskView } from '../../api/views';
import { loadConfig } from '../../config';
import { createDb } from '../../db/client';
import type { Db } from '../../db/client';
import type { Prisma } from '../../generated/prisma-sqlite';
import { applyMigrations } from '../../db/migrate';
import { findUserByUsername, toStaffUser } from '../../db/users';
import { seedDemoData } from '../../devtools/demo-data';
import { inbox } from '../../use-cases/tasks';
import type { UseCaseDeps } from '../../use-cases/deps';
import { createBenchDatabase } from './databases';
import type { DatabaseKind } from './databases';
import { percentile } from './stats';

// `npm run bench -- --inbox N`: the inbox of every role over one campaign of N cases, each case with
// a seal check, a field review, a branch shortlist and a committee review open at once (four
// times the open tasks a campaign ever has), the committee member having voted on half. Measures
// what GET /api/inbox does in the API process — the use case's queries and the answer's JSON —
// without HTTP, which the rounds measure.

const ROLES = ['secretariat', 'wg-catering', 'branch-catering', 'committee1'] as const;
const READS = 40;
const BATCH = 500;

export interface InboxScaleFigures {
  database: DatabaseKind;
  cases: number;
  /** By demo account: tasks answered, and ms p50/p95 of READS reads. */
  roles: Record<string, { tasks: number; p50: number | null; p95: number | null }>;
}

/** A nomination form of the size people write: the inbox must not pay for reading it. */
function formOf(i: number): string {
  return JSON.stringify({
    channel: 'organisation', category: 'individual', field: 'catering', recommendingUnit: '示例市教育后勤协会', nomineeUnit: '示例市第一中学',
    applicantEmail: `nominee${i}@example.test`, phone: '13800000000',
    nominee: { name: `候选人${i}`, gender: '女', age: 41, ethnicity: '汉族', politicalAffiliation: '群众', post: '食堂主管', title: '高级厨师' },
    duties: '负责学生食堂的日常管理。'.repeat(20), story: '多年如一日保障师生用餐安全。'.repeat(40), mediaAwards: [],
    unitOpinion: { text: '同意推荐。', sealedOn: '2025-02-20' },
  });
}

async function seedCampaign(db: Db, cases: number): Promise<void> {
  const campaign = await db.campaign.findFirstOrThrow({ where: { code: 'demo' } });
  const member = (await findUserByUsername(db, 'committee1'))!;
  const groups = [['seal-check', 'secretariat'], ['field-review', 'working-group:catering'], ['branch-shortlist', 'branch:catering'], ['committee-review', 'committee']] as const;
  for (let start = 0; start < cases; start += BATCH) {
    const rows = { cases: [] as Prisma.CaseCreateManyInput[], tasks: [] as Prisma.TaskCreateManyInput[], votes: [] as Prisma.CommitteeVoteCreateManyInput[] };
    for (let i = start; i < Math.min(cases, start + BATCH); i++) {
      const caseId = randomUUID();
      rows.cases.push({ id: caseId, campaignId: campaign.id, workflowId: `bench-inbox-${caseId}`, channel: 'organisation', category: 'individual', field: 'catering',
        recommendingUnit: `推荐单位${i % 300}`, nomineeUnit: '示例市第一中学', applicantEmail: `nominee${i}@example.test`, nomineeName: `候选人${i}`, form: formOf(i), status: 'seal-check' });
      for (const [kind, group] of groups) {
        const taskId = randomUUID();
        rows.tasks.push({ id: taskId, caseId, campaignId: campaign.id, kind, field: 'catering', candidateGroup: group, status: 'open', summary: `候选人${i} · 推荐单位${i % 300} · 餐饮`,
          dueAt: campaign.reviewDeadline, createdAt: new Date(Date.now() + i), priority: i % 3, maskedPhone: '138****0000' });
        if (kind === 'committee-review' && i % 2 === 0) rows.votes.push({ id: randomUUID(), taskId, caseId, memberId: member.id, decision: 'approve', score: 80, at: new Date() });
      }
    }
    await db.case.createMany({ data: rows.cases });
    await db.task.createMany({ data: rows.tasks });
    await db.committeeVote.createMany({ data: rows.votes });
  }
}

export async function measureInboxAtScale(kind: DatabaseKind, cases: number, dir: string, say: (line: string) => void): Promise<InboxScaleFigures> {
  const database = await createBenchDatabase(kind, dir, 'inbox-scale');
  await applyMigrations(database.url);
  const db = createDb(database.url);
  try {
    await seedDemoData(db, loadConfig({ ...process.env, NODE_ENV: 'development', DATABASE_URL: database.url, DEMO_PASSWORD: 'demo-password' }));
    await seedCampaign(db, cases);
    say(`${kind}: ${cases} cases with ${cases * 4} open tasks stored; reading each role's inbox ${READS} times`);
    const roles: InboxScaleFigures['roles'] = {};
    for (const username of ROLES) {
      const user = toStaffUser((await findUserByUsername(db, username))!);
      const ms: number[] = [];
      let tasks = 0;
      for (let i = 0; i < READS; i++) {
        const started = performance.now();
        const found = await inbox({ db } as UseCaseDeps, user, {});
        JSON.stringify({ tasks: found.tasks.map((t) => ({ ...taskView(t, found.claimers), phone: t.maskedPhone || null })) });
        ms.push(performance.now() - started);
        tasks = found.tasks.length;
      }
      roles[username] = { tasks, p50: percentile(ms, 50), p95: percentile(ms, 95) };
    }
    return { database: kind, cases, roles };
  } finally {
    await db.$disconnect();
    await database.remove();
  }
}

export function inboxScaleTable(f: InboxScaleFigures): string[] {
  return [
    `${f.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: the inbox over ${f.cases} cases (${f.cases * 4} open tasks), in the API process, without HTTP`,
    `${'account'.padEnd(18)}${'tasks'.padStart(7)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}`,
    ...Object.entries(f.roles).map(([role, r]) => `${role.padEnd(18)}${String(r.tasks).padStart(7)}${(r.p50?.toFixed(1) ?? '—').padStart(10)}${(r.p95?.toFixed(1) ?? '—').padStart(10)}`),
  ];
}
