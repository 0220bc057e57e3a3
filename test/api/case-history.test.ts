import { historyCsv } from '../../audit/narration/export';
import type { AuditRow, HistoryItem, TimelineRow } from '../../audit/narration/history-item';
import { describeCaseHistory } from '../../audit/narration/merge';
import { mentionedUserIds } from '../../audit/narration/people';
import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import type { DecodedEvent } from '../../audit/history-events';
import type { Language } from '../../domain/channels';
import { committedHistories } from '../histories/committed';

// The history view over committed, synthetic histories (test/histories): what a person reads.

const histories = committedHistories();
const usernames = new Map([
  ['u-secretariat', 'secretariat'],
  ['u-wg-catering', 'wg-catering'],
  ['u-branch-catering', 'branch-catering'],
  ['u-committee1', 'committee1'],
  ['u-assoc-1', 'assoc-1'],
]);

async function eventsOf(path: string): Promise<DecodedEvent[]> {
  const h = histories.find((x) => x.path === path)!;
  return decodeHistory(h.history, payloadDecoder());
}

async function story(path: string, language: Language = 'zh-CN', audit: AuditRow[] = [], timeline: TimelineRow[] = []): Promise<HistoryItem[]> {
  return describeCaseHistory({ events: await eventsOf(path), audit, timeline, usernames, language });
}

const whats = (items: HistoryItem[]) => items.map((i) => i.what);

test('a review decision reads as who decided what on which task, with the comment as its reason', async () => {
  const items = await story('announced');
  const decision = items.find((i) => i.eventType === 'WorkflowExecutionUpdateAccepted' && i.actor === 'wg-catering')!;
  expect(decision.what).toBe('评审工作组 wg-catering 作出决定（业务领域审核，任务 hist-announced.t2）：审核通过（pass），意见：事迹属实，符合推荐条件');
  expect(decision.why).toBe('事迹属实，符合推荐条件');
  expect(decision).toMatchObject({ source: 'workflow', eventId: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  const vote = items.find((i) => i.actor === 'committee1' && i.eventType === 'WorkflowExecutionUpdateAccepted')!;
  expect(vote.what).toContain('评审委员会委员 committee1 作出决定（评审委员会评审');
  expect(vote.what).toContain('评分 91');
});

test('each step the workflow records is told with the status it moved the case to, and its write confirmed', async () => {
  const items = await story('announced');
  expect(whats(items)).toContain('记录第 2 步：案件状态变为「业务领域审核（field-review）」，关闭任务 hist-announced.t1（公章审核），决定：通过（approve），开启任务「业务领域审核」hist-announced.t2');
  expect(whats(items)).toContain('第 7 步已写入：状态「已通报（announced）」');
  const started = items[0];
  expect(started).toMatchObject({ eventType: 'WorkflowExecutionStarted', what: '案件工作流启动（nominationWorkflow）', why: '案件 hist-announced，评选活动 c-histories' });
});

test('the committee round, the notice timer and its end are told with the deadline that applied', async () => {
  const items = await story('announced');
  expect(whats(items).find((w) => w.startsWith('评审委员会评选结果'))).toMatch(/^评审委员会评选结果：当选，排名 1，公示至 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）$/);
  const timer = items.find((i) => i.eventType === 'TimerStarted')!;
  expect(timer.what).toMatch(/^开始计时：公示期结束，.+后，即 .+（北京时间）$/);
  expect(timer.why).toBe('公示期结束且异议均已处理后通报');
  expect(items.find((i) => i.eventType === 'TimerFired')).toMatchObject({ what: '公示期结束', why: expect.stringMatching(/^期限：/) });
});

test('an expiry is told as the submission deadline reached, after the deadline was brought forward', async () => {
  const items = await story('expired-after-deadline-brought-forward');
  expect(whats(items).find((w) => w.startsWith('截止期限变更'))).toMatch(/^截止期限变更（第 2 版）：申报截止 .+，评审截止 .+$/);
  expect(items.filter((i) => i.eventType === 'TimerStarted').map((i) => i.what.split('，')[0])).toEqual(['开始计时：申报截止期限', '开始计时：申报截止期限']);
  expect(whats(items)).toContain('取消计时：申报截止期限');
  expect(items.find((i) => i.eventType === 'TimerFired')?.what).toBe('申报截止期限到达，申报失效');
  expect(items.at(-1)?.what).toBe('案件工作流结束，最终状态：已过期（expired）');
});

test('a disqualification after the announcement lists the fraud report, the ruling and every compensation in reverse order, with the reason', async () => {
  const items = await story('disqualified-after-announcement');
  expect(whats(items)).toContain('wg-catering 举报（r-after-announcement）');
  const compensations = items.filter((i) => i.what.startsWith('撤销补偿：'));
  expect(compensations.map((i) => i.what)).toEqual([
    '撤销补偿：撤销通报（revoke-announcement）',
    '撤销补偿：撤下公示（withdraw-notice）',
    '撤销补偿：撤销当选（revoke-winner）',
    '撤销补偿：撤销评审委员会通过（revoke-approval）',
    '撤销补偿：撤销入围（revoke-shortlist）',
    '撤销补偿：通知推荐单位及申报人（notify-parties）',
  ]);
  for (const c of compensations) expect(c.why).toBe('材料造假');
  expect(items.at(-1)?.what).toBe('案件工作流结束，最终状态：已取消资格（disqualified）');
});

test('a compensation that keeps failing is told as failed with its error, then the incident and its resolution', async () => {
  const items = await story('compensation-incident');
  expect(whats(items)).toContain('撤销补偿「撤下公示」失败，不再重试：withdraw-notice failed (injected)');
  expect(whats(items).some((w) => w.includes('开启任务「撤销补偿异常」'))).toBe(true);
  expect(whats(items).some((w) => w.startsWith('秘书处 secretariat 作出决定（撤销补偿异常') && w.includes('已处理（resolved）'))).toBe(true);
});

test('audit entries and timeline rows fall in between the workflow events by time, which keep their history order', async () => {
  const events = await eventsOf('rejected-at-seal-check');
  const decisionAt = new Date(events.find((e) => e.type === 'WorkflowExecutionUpdateAccepted')!.at);
  const audit: AuditRow[] = [
    { id: 7, at: new Date(decisionAt.getTime() - 1), actorId: 'u-secretariat', action: 'decision', details: JSON.stringify({ taskId: 'hist-rejected-at-seal-check.t1', kind: 'seal-check', decision: 'reject', comment: '申报材料不完整' }) },
    { id: 8, at: new Date(decisionAt.getTime() + 1), actorId: 'u-secretariat', action: 'something-new', details: JSON.stringify({ x: 1 }) },
  ];
  const timeline: TimelineRow[] = [{ seq: 2, at: new Date(decisionAt.getTime() + 2), status: 'rejected', note: '申报材料不完整', actorId: 'u-secretariat' }];
  const items = describeCaseHistory({ events, audit, timeline, usernames, language: 'zh-CN' });
  const workflowIds = items.filter((i) => i.source === 'workflow').map((i) => i.eventId);
  expect(workflowIds).toEqual([...workflowIds].sort((a, b) => a - b));
  const at = (source: string, id: number) => items.findIndex((i) => i.source === source && i.eventId === id);
  const decision = items.findIndex((i) => i.eventType === 'WorkflowExecutionUpdateAccepted');
  expect(at('audit', 7)).toBeLessThan(decision);
  expect(at('audit', 8)).toBeGreaterThan(decision);
  expect(items[at('audit', 7)]).toMatchObject({ actor: 'secretariat', what: 'secretariat 提交决定（公章审核，任务 hist-rejected-at-seal-check.t1）：不通过（reject）', why: '申报材料不完整' });
  expect(items[at('audit', 8)]).toMatchObject({ what: '审计记录：something-new', why: '{"x":1}' });
  expect(items[at('timeline', 2)]).toMatchObject({ actor: 'secretariat', what: '时间线第 2 步：未通过（rejected）', why: '申报材料不完整' });
});

test('a withdrawal the workflow refused reads as refused, with the reason in words', async () => {
  const audit: AuditRow[] = [{ id: 9, at: new Date('2026-11-21T08:00:00Z'), actorId: 'u-secretariat', action: 'withdrawal-refused', details: JSON.stringify({ code: 'case-closed' }) }];
  const items = describeCaseHistory({ events: [], audit, timeline: [], usernames, language: 'zh-CN' });
  expect(items[0]).toMatchObject({ what: '拒绝 secretariat 的撤回申请：case-closed', why: '该申报已结束，无法再操作。' });
});

test('English is given on request', async () => {
  const items = await story('rejected-at-field-review', 'en');
  expect(whats(items)).toContain('Working group wg-catering decided (Field review, task hist-rejected-at-field-review.t2): Reject (reject); comment: 申报材料不完整');
  expect(items.at(-1)?.what).toBe('case workflow ended: Rejected (rejected)');
});

test('every user id the history mentions is collected for resolving to a username', async () => {
  const ids = mentionedUserIds(await eventsOf('committee-majority-against'), [{ id: 1, at: new Date(), actorId: 'u-auditor', action: 'x', details: '{}' }], []);
  expect(ids.sort()).toEqual(['u-auditor', 'u-branch-catering', 'u-committee1', 'u-committee2', 'u-committee3', 'u-secretariat', 'u-wg-catering']);
});

describe('CSV export', () => {
  const items: HistoryItem[] = [
    { at: '2026-01-02T03:04:05.000Z', source: 'workflow', actor: 'wg-catering', what: '工作组 wg-catering 作出决定：通过（pass），意见："好"', why: '第一行\n第二行', eventType: 'WorkflowExecutionUpdateAccepted', eventId: 11 },
    { at: '2026-01-02T03:04:06.000Z', source: 'audit', actor: 'secretariat', what: '=HYPERLINK("http://example.test")', eventType: 'decision', eventId: 3 },
  ];

  test('starts with a byte-order mark and Chinese headers, quotes what needs it, and ends lines with CRLF', () => {
    const csv = historyCsv(items, 'zh-CN');
    expect(csv.startsWith('\uFEFF时间,来源,操作人,事件,原因或依据,事件类型,事件编号\r\n')).toBe(true);
    expect(csv).toContain('2026-01-02T03:04:05.000Z,工作流,wg-catering,"工作组 wg-catering 作出决定：通过（pass），意见：""好""","第一行\n第二行",WorkflowExecutionUpdateAccepted,11\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  test('a cell a spreadsheet would run as a formula is kept as text', () => {
    expect(historyCsv(items, 'en')).toContain(`,audit,secretariat,"'=HYPERLINK(""http://example.test"")",,decision,3\r\n`);
  });
});
