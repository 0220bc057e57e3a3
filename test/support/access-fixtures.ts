import { ApiClient, eventually, nominationForm, sampleNomination } from './http';

/**
 * The objects the access matrix is tried against: cases of two units in two fields, a
 * self-nomination with its applicant token, and open tasks at several stages. Every name, unit and
 * number is synthetic (units are the demo accounts' own, from db/seed.ts).
 */

export const FIELD_X = 'catering';
export const FIELD_Y = 'energy';

/** The employer named by the self-nominated case: no demo account belongs to it. */
export const SELF_EMPLOYER = '演示实验中学';

/** The recommending unit of each demo unit account (db/seed.ts). */
export const UNIT_OF: Record<string, string> = {
  'member-1': '示例大学',
  'assoc-1': '示例市教育后勤协会',
  'assoc-2': '样本省高校后勤协会',
};

export interface CaseFixture {
  key: string;
  id: string;
  field: string;
  /** The caller name that owns the case: its submitting unit's username, or `applicant-of-C`. */
  owner: string;
  recommendingUnit: string;
  /** Whether the case has (had) a committee-review task, which is what committee members see. */
  hadCommitteeTask: boolean;
  describe: string;
}

export interface TaskFixture {
  key: string;
  id: string;
  kind: 'seal-check' | 'field-review' | 'branch-shortlist' | 'committee-review' | 'objection-review' | 'fraud-investigation';
  field: string;
  caseKey: string;
  recommendingUnit: string;
  describe: string;
}

export interface AccessFixtures {
  campaignId: string;
  /** Session token of every signed-in demo account, by username. */
  sessions: Record<string, string>;
  applicantToken: string;
  cases: Record<'A' | 'B' | 'C' | 'D' | 'S', CaseFixture>;
  tasks: Record<'seal' | 'fieldX' | 'fieldY' | 'committee', TaskFixture>;
}

type OpenTask = { id: string; kind: string };

/**
 * Signs in the given demo accounts once each (sign-ins are rate-limited per address), creates a
 * campaign of its own and drives the fixture cases to their stages:
 *
 * - A: member-1 (a member unit), field X, at committee-review (seal, field and branch passed)
 * - B: assoc-2 (another unit, an association), field Y, at field-review
 * - C: self-nominated, field X, resubmission of the sealed form requested (no open task)
 * - D: assoc-1, field X, at field-review
 * - S: assoc-1, field X, at seal-check
 */
export async function buildAccessFixtures(baseUrl: string, usernames: string[], campaignCode: string): Promise<AccessFixtures> {
  const api = new ApiClient(baseUrl);
  const sessions: Record<string, string> = {};
  for (const username of usernames) {
    const res = await api.request('POST', '/api/auth/login', { username, password: 'demo-password' });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    sessions[username] = res.body.token;
  }
  const as = (username: string) => {
    if (!sessions[username]) throw new Error(`${username} is not signed in`);
    return api.as(sessions[username]);
  };

  const created = await as('secretariat').post('/api/campaigns', {
    code: campaignCode,
    title: '访问矩阵测试',
    submissionDeadline: new Date(Date.now() + 86_400_000).toISOString(),
    reviewDeadline: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    // Long enough that no winner is announced while the matrix runs.
    publicNoticePeriod: 'PT2H',
    winnerCap: 5,
    committeeQuorum: 1,
  });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const campaignId = created.body.id as string;

  async function submit(username: string | undefined, overrides: Record<string, unknown>) {
    const client = username ? as(username) : api;
    const res = await client.request('POST', `/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination(overrides)));
    if (res.status !== 201) throw new Error(`submit as ${username ?? 'anonymous'}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { caseId: string; accessToken?: string };
  }

  async function openTask(caseId: string, kind: string): Promise<OpenTask> {
    const res = await eventually(
      () => as('secretariat').get(`/api/nominations/${caseId}`),
      (r) => r.status === 200 && r.body.openTasks.some((t: OpenTask) => t.kind === kind),
    );
    return res.body.openTasks.find((t: OpenTask) => t.kind === kind);
  }

  async function decide(username: string, caseId: string, kind: string, body: Record<string, unknown>) {
    const task = await openTask(caseId, kind);
    const res = await as(username).post(`/api/tasks/${task.id}/complete`, body);
    if (res.status !== 200) throw new Error(`${username} deciding ${kind} of ${caseId}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  const a = await submit('member-1', { field: FIELD_X, recommendingUnit: UNIT_OF['member-1'] });
  const b = await submit('assoc-2', { field: FIELD_Y, recommendingUnit: UNIT_OF['assoc-2'] });
  const c = await submit(undefined, { channel: 'self', field: FIELD_X, recommendingUnit: SELF_EMPLOYER });
  const d = await submit('assoc-1', { field: FIELD_X, recommendingUnit: UNIT_OF['assoc-1'] });
  const s = await submit('assoc-1', { field: FIELD_X, recommendingUnit: UNIT_OF['assoc-1'] });
  if (!c.accessToken) throw new Error('a self-nomination answered without an access token');

  const approve = { decision: 'approve' };
  await Promise.all([
    (async () => {
      await decide('secretariat', a.caseId, 'seal-check', approve);
      await decide('wg-catering', a.caseId, 'field-review', { decision: 'pass' });
      await decide('branch-catering', a.caseId, 'branch-shortlist', { decision: 'shortlist' });
    })(),
    decide('secretariat', b.caseId, 'seal-check', approve),
    decide('secretariat', d.caseId, 'seal-check', approve),
    decide('secretariat', c.caseId, 'seal-check', { decision: 'request-resubmission', comment: '公章不清晰' }),
  ]);
  const [committee, fieldX, fieldY, seal] = await Promise.all([
    openTask(a.caseId, 'committee-review'),
    openTask(d.caseId, 'field-review'),
    openTask(b.caseId, 'field-review'),
    openTask(s.caseId, 'seal-check'),
  ]);
  await eventually(
    () => as('secretariat').get(`/api/nominations/${c.caseId}`),
    (r) => r.body.status === 'resubmission-requested',
  );

  const kase = (key: string, id: string, field: string, owner: string, recommendingUnit: string, hadCommitteeTask: boolean, describe: string): CaseFixture => ({
    key, id, field, owner, recommendingUnit, hadCommitteeTask, describe,
  });
  const cases = {
    A: kase('A', a.caseId, FIELD_X, 'member-1', UNIT_OF['member-1'], true, `case A (member-1's, ${FIELD_X})`),
    B: kase('B', b.caseId, FIELD_Y, 'assoc-2', UNIT_OF['assoc-2'], false, `case B (assoc-2's, ${FIELD_Y})`),
    C: kase('C', c.caseId, FIELD_X, 'applicant-of-C', SELF_EMPLOYER, false, `case C (self-nominated, ${FIELD_X})`),
    D: kase('D', d.caseId, FIELD_X, 'assoc-1', UNIT_OF['assoc-1'], false, `case D (assoc-1's, ${FIELD_X})`),
    S: kase('S', s.caseId, FIELD_X, 'assoc-1', UNIT_OF['assoc-1'], false, `case S (assoc-1's, ${FIELD_X})`),
  };
  const task = (key: string, t: OpenTask, kind: TaskFixture['kind'], k: CaseFixture): TaskFixture => ({
    key, id: t.id, kind, field: k.field, caseKey: k.key, recommendingUnit: k.recommendingUnit, describe: `${kind} task of ${k.describe.split(' (')[0]} (${k.field})`,
  });
  return {
    campaignId,
    sessions,
    applicantToken: c.accessToken,
    cases,
    tasks: {
      seal: task('seal', seal, 'seal-check', cases.S),
      fieldX: task('fieldX', fieldX, 'field-review', cases.D),
      fieldY: task('fieldY', fieldY, 'field-review', cases.B),
      committee: task('committee', committee, 'committee-review', cases.A),
    },
  };
}
