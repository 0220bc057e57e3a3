import { historyCsv } from '../../audit/narration/export';
import type { AuditRow, HistoryItem, TimelineRow } from '../../audit/narration/history-item';
import { describeCaseHistory } from '../../audit/narration/merge';
import { mentionedUserIds } from '../../audit/narration/people';
import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import type { DecodedEvent } from '../../audit/history-events';
import type { Language } from '../../domain/channels';
import { committedHistories } from '../histories/committed';

// The history view over committed, synthetic histories (test/histories): what a person reads, in
// plain words on each row, and the machine's words (ids, steps, tasks) under the row's fold.

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

/** The rows of the case file. */
async function story(path: string, language: Language = 'zh-CN', audit: AuditRow[] = [], timeline: TimelineRow[] = []): Promise<HistoryItem[]> {
  return describeCaseHistory({ events: await eventsOf(path), audit, timeline, usernames, language }).items;
}

const whats = (items: HistoryItem[]) => items.map((i) => i.what);
/** Every record under the rows' folds, in machine terms. */
const machine = (items: HistoryItem[]) => items.flatMap((i) => i.detail.map((d) => d.text));

test('a review decision reads as who decided what, with the comment as its reason; the task and its id are under its fold', async () => {
  const items = await story('announced');
  const decision = items.find((i) => i.eventType === 'WorkflowExecutionUpdateAccepted' && i.actor === 'wg-catering')!;
  expect(decision.what).toBe('评审工作组 wg-catering 通过业务领域审核，已核实所报媒体奖项属实，案件状态变为「分支机构遴选」');
  expect(decision.why).toBe('事迹属实，符合推荐条件');
  expect(decision).toMatchObject({ source: 'workflow', kind: 'decision', stage: 'field-review', eventId: expect.any(Number), at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  expect(decision.detail[0]).toMatchObject({
    eventType: 'WorkflowExecutionUpdateAccepted',
    eventId: decision.eventId,
    text: '评审工作组 wg-catering 作出决定（业务领域审核，任务 hist-announced.t2）：审核通过（pass），意见：事迹属实，符合推荐条件，媒体奖项核实：属实',
  });
  const vote = items.find((i) => i.actor === 'committee1' && i.eventType === 'WorkflowExecutionUpdateAccepted')!;
  expect(vote.what).toBe('评审委员会委员 committee1 投票：通过，评分 91，案件状态变为「等待评选结果」');
  expect(vote.detail.map((d) => d.text)).toContain('记录评审委员 committee1 的投票（任务 hist-announced.t4）：通过（approve），评分 91');
});

test('each step the workflow records is under the fold of what caused it, with the status it moved the case to and its write confirmed', async () => {
  const items = await story('announced');
  const decision = items.find((i) => i.actor === 'secretariat' && i.kind === 'decision')!;
  expect(decision.detail.map((d) => d.text)).toEqual([
    '秘书处 secretariat 作出决定（公章审核，任务 hist-announced.t1）：通过（approve），意见：盖章材料齐全',
    '记录第 2 步：案件状态变为「业务领域审核（field-review）」，关闭任务 hist-announced.t1（公章审核），决定：通过（approve），开启任务「业务领域审核」hist-announced.t2',
    '第 2 步已写入：状态「业务领域审核（field-review）」',
    '决定已生效，案件状态：业务领域审核（field-review）',
  ]);
  expect(machine(items)).toContain('第 7 步已写入：状态「公示期满，待通报（notice-ended）」');
  expect(machine(items)).toContain('第 8 步已写入：状态「已通报（announced）」');
  const started = items[0];
  expect(started).toMatchObject({ eventType: 'WorkflowExecutionStarted', kind: 'system', stage: 'seal-check', what: '案件办理流程启动，案件状态变为「公章审核」' });
  expect(started.detail[0].text).toBe('案件工作流启动（nominationWorkflow）：案件 hist-announced，评选活动 c-histories');
});

test('the committee round, the notice timer and its end, and the announcement the secretariat scheduled are told with the deadline that applied', async () => {
  const items = await story('announced');
  const outcome = items.find((i) => i.what.startsWith('评审委员会评选结果'))!;
  expect(outcome).toMatchObject({ actor: '评审委员会', kind: 'decision', stage: 'awaiting-selection' });
  expect(outcome.what).toMatch(/^评审委员会评选结果：当选，排名 1，公示至 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间），案件状态变为「公示中」$/);
  const timer = items.find((i) => i.eventType === 'TimerStarted')!;
  expect(timer).toMatchObject({ kind: 'deadline', stage: 'public-notice', why: '公示期结束且异议均已处理后通报' });
  expect(timer.what).toMatch(/^公示期结束定于 .+（北京时间）$/);
  expect(timer.detail[0].text).toMatch(/^开始计时：公示期结束，.+后，即 .+（北京时间）（计时器 1）$/);
  expect(items.find((i) => i.eventType === 'TimerFired')).toMatchObject({ what: '公示期结束，案件状态变为「公示期满，待通报」', stage: 'public-notice', why: expect.stringMatching(/^期限：/) });
  expect(items.find((i) => i.eventType === 'WorkflowExecutionSignaled' && i.stage === 'announced')).toMatchObject({
    kind: 'decision',
    what: expect.stringMatching(/^评选结果正式通报（\d{4}-\d\d-\d\d \d\d:\d\d（北京时间）），案件状态变为「已通报」$/),
    detail: [expect.objectContaining({ text: expect.stringMatching(/^收到信号 announce：\{"announcedAt":/) }), expect.anything(), expect.anything()],
  });
});

test('an expiry is told as the submission deadline reached, after the deadline was brought forward', async () => {
  const items = await story('expired-after-deadline-brought-forward');
  expect(whats(items).find((w) => w.startsWith('截止期限变更'))).toMatch(/^截止期限变更（第 2 版）：申报截止 .+，评审截止 .+$/);
  expect(items.filter((i) => i.eventType === 'TimerStarted').map((i) => i.detail[0].text.split('，')[0])).toEqual(['开始计时：申报截止期限', '开始计时：申报截止期限']);
  // The old timer's cancellation only repeats the change of deadlines that caused it.
  expect(items.find((i) => i.what.startsWith('截止期限变更'))!.detail.map((d) => d.text)).toContain('取消计时：申报截止期限（计时器 1）');
  expect(items.find((i) => i.eventType === 'TimerFired')).toMatchObject({ what: '申报截止期限到达，申报失效，案件状态变为「已过期」', stage: 'seal-check' });
  expect(items.at(-1)).toMatchObject({ what: '案件办理结束，最终状态：已过期', detail: [expect.objectContaining({ text: '案件工作流结束，最终状态：已过期（expired）' })] });
});

test('a disqualification after the announcement lists the fraud report, the ruling and every compensation in reverse order, with the reason, in a stage of its own', async () => {
  const items = await story('disqualified-after-announcement');
  expect(items.find((i) => i.kind === 'report')).toMatchObject({ what: 'wg-catering 举报弄虚作假，转秘书处办理（举报调查）', stage: 'announced' });
  expect(machine(items)).toContain('wg-catering 举报（r-after-announcement）');
  expect(items.find((i) => i.kind === 'decision' && i.stage === 'disqualified')).toMatchObject({ what: '秘书处 secretariat 裁定举报成立，案件状态变为「已取消资格」', why: '材料造假' });
  const compensations = items.filter((i) => i.kind === 'correction');
  expect(compensations.map((i) => [i.what, i.detail[0].text])).toEqual([
    ['撤销补偿：撤销通报', '撤销补偿：撤销通报（revoke-announcement）'],
    ['撤销补偿：撤下公示', '撤销补偿：撤下公示（withdraw-notice）'],
    ['撤销补偿：撤销当选', '撤销补偿：撤销当选（revoke-winner）'],
    ['撤销补偿：撤销评审委员会通过', '撤销补偿：撤销评审委员会通过（revoke-approval）'],
    ['撤销补偿：撤销入围', '撤销补偿：撤销入围（revoke-shortlist）'],
    ['撤销补偿：通知推荐单位及申报人', '撤销补偿：通知推荐单位及申报人（notify-parties）'],
  ]);
  for (const c of compensations) expect(c).toMatchObject({ why: '材料造假', stage: 'disqualified' });
  expect(items.at(-1)?.what).toBe('案件办理结束，最终状态：已取消资格');
});

test('a compensation that keeps failing is told as failed with its error, then the incident and its resolution', async () => {
  const items = await story('compensation-incident');
  const failed = items.find((i) => i.eventType === 'ActivityTaskFailed')!;
  expect(failed).toMatchObject({ kind: 'correction', stage: 'disqualified', what: '撤销补偿「撤下公示」失败，不再重试：withdraw-notice failed (injected)，转秘书处办理（撤销补偿异常）' });
  expect(failed.detail.some((d) => d.text.includes('开启任务「撤销补偿异常」'))).toBe(true);
  expect(items.some((i) => i.kind === 'decision' && i.what === '秘书处 secretariat 已处理撤销补偿异常' && i.detail[0].text.includes('已处理（resolved）'))).toBe(true);
});

test('the audit log’s and the timeline’s records of a step fold under the workflow’s; what they alone tell stays a row, in time order', async () => {
  const events = await eventsOf('rejected-at-seal-check');
  const decisionAt = new Date(events.find((e) => e.type === 'WorkflowExecutionUpdateAccepted')!.at);
  const audit: AuditRow[] = [
    { id: 7, at: new Date(decisionAt.getTime() - 1), actorId: 'u-secretariat', action: 'decision', details: JSON.stringify({ taskId: 'hist-rejected-at-seal-check.t1', kind: 'seal-check', decision: 'reject', comment: '申报材料不完整' }) },
    { id: 8, at: new Date(decisionAt.getTime() + 1), actorId: 'u-secretariat', action: 'something-new', details: JSON.stringify({ x: 1 }) },
  ];
  const timeline: TimelineRow[] = [{ seq: 2, at: new Date(decisionAt.getTime() + 2), status: 'rejected', note: '申报材料不完整', actorId: 'u-secretariat' }];
  const { items, records } = describeCaseHistory({ events, audit, timeline, usernames, language: 'zh-CN' });
  const workflowIds = items.filter((i) => i.source === 'workflow').map((i) => i.eventId);
  expect(workflowIds).toEqual([...workflowIds].sort((a, b) => a - b));
  const decision = items.find((i) => i.eventType === 'WorkflowExecutionUpdateAccepted')!;
  expect(decision.what).toBe('秘书处 secretariat 在公章审核中决定不予通过，案件状态变为「未通过」');
  expect(decision.detail.filter((d) => d.source !== 'workflow')).toEqual([
    expect.objectContaining({ source: 'audit', eventId: 7, actor: 'secretariat', text: 'secretariat 提交决定（公章审核，任务 hist-rejected-at-seal-check.t1）：不通过（reject）', why: '申报材料不完整' }),
    expect.objectContaining({ source: 'timeline', eventId: 2, actor: 'secretariat', text: '时间线第 2 步：未通过（rejected）', why: '申报材料不完整' }),
  ]);
  const unknown = items.findIndex((i) => i.source === 'audit' && i.eventId === 8);
  expect(unknown).toBeGreaterThan(items.indexOf(decision));
  expect(items[unknown]).toMatchObject({ kind: 'system', what: '审计记录：something-new', why: '{"x":1}' });
  expect(items.reduce((n, i) => n + i.detail.length, 0)).toBe(records);
});

test('a withdrawal the workflow refused reads as refused, with the reason in words', async () => {
  const audit: AuditRow[] = [{ id: 9, at: new Date('2026-11-21T08:00:00Z'), actorId: 'u-secretariat', action: 'withdrawal-refused', details: JSON.stringify({ code: 'case-closed' }) }];
  const { items } = describeCaseHistory({ events: [], audit, timeline: [], usernames, language: 'zh-CN' });
  expect(items[0]).toMatchObject({ kind: 'access', what: 'secretariat 的撤回申请被拒绝', why: '该申报已结束，无法再操作。', detail: [expect.objectContaining({ text: '拒绝 secretariat 的撤回申请：case-closed' })] });
});

test('English is given on request', async () => {
  const items = await story('rejected-at-field-review', 'en');
  const decision = items.find((i) => i.actor === 'wg-catering')!;
  expect(decision).toMatchObject({ what: 'Working group wg-catering rejected the case at the field review; the case moves to Rejected', why: '申报材料不完整', atLocal: expect.stringMatching(/ \(Beijing time\)$/) });
  expect(decision.detail[0].text).toBe('Working group wg-catering decided (Field review, task hist-rejected-at-field-review.t2): Reject (reject); comment: 申报材料不完整');
  expect(items.at(-1)).toMatchObject({ what: "the case's process ended: Rejected", detail: [expect.objectContaining({ text: 'case workflow ended: Rejected (rejected)' })] });
});

test('every user id the history mentions is collected for resolving to a username', async () => {
  const ids = mentionedUserIds(await eventsOf('committee-majority-against'), [{ id: 1, at: new Date(), actorId: 'u-auditor', action: 'x', details: '{}' }], []);
  expect(ids.sort()).toEqual(['u-auditor', 'u-branch-catering', 'u-committee1', 'u-committee2', 'u-committee3', 'u-secretariat', 'u-wg-catering']);
});

describe('CSV export', () => {
  const row = (over: Partial<HistoryItem>): HistoryItem => ({
    at: '2026-01-02T03:04:05.000Z',
    atLocal: '2026-01-02 11:04（北京时间）',
    stage: 'field-review',
    kind: 'decision',
    source: 'workflow',
    actor: 'wg-catering',
    what: '评审工作组 wg-catering 通过业务领域审核',
    eventType: 'WorkflowExecutionUpdateAccepted',
    eventId: 11,
    detail: [],
    ...over,
  });
  const items: HistoryItem[] = [
    row({
      what: '评审工作组 wg-catering 通过业务领域审核："好"',
      why: '第一行\n第二行',
      note: '仅内部',
      detail: [
        { at: '2026-01-02T03:04:05.000Z', atLocal: '2026-01-02 11:04（北京时间）', source: 'workflow', eventType: 'WorkflowExecutionUpdateAccepted', eventId: 11, actor: 'wg-catering', text: '作出决定（任务 t2）' },
        { at: '2026-01-02T03:04:06.000Z', atLocal: '2026-01-02 11:04（北京时间）', source: 'timeline', eventType: 'TimelineEntry', eventId: 3, actor: 'wg-catering', text: '时间线第 3 步', why: '原因' },
      ],
    }),
    row({ at: '2026-01-02T16:04:06.000Z', atLocal: '2026-01-03 00:04（北京时间）', source: 'audit', kind: 'system', actor: 'secretariat', what: '=HYPERLINK("http://example.test")', eventType: 'decision', eventId: 3 }),
  ];

  test('starts with a byte-order mark and Chinese headers naming the time zone, quotes what needs it, and ends lines with CRLF', () => {
    const csv = historyCsv(items, 'zh-CN');
    expect(csv.startsWith('\uFEFF时间（北京时间，UTC+8）,阶段,类别,操作人,事件,原因或依据,内部备注,来源,事件类型,事件编号,明细（折叠的记录）\r\n')).toBe(true);
    expect(csv).toContain(
      '2026-01-02 11:04,业务领域审核,决定与投票,wg-catering,"评审工作组 wg-catering 通过业务领域审核：""好""","第一行\n第二行",仅内部,工作流,WorkflowExecutionUpdateAccepted,11,' +
        '"2026-01-02 11:04 [工作流 WorkflowExecutionUpdateAccepted #11] wg-catering: 作出决定（任务 t2）\n2026-01-02 11:04 [时间线 TimelineEntry #3] wg-catering: 时间线第 3 步 — 原因"\r\n',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
  });

  test('a cell a spreadsheet would run as a formula is kept as text; the time is Beijing’s, past midnight there', () => {
    expect(historyCsv(items, 'en')).toContain(`2026-01-03 00:04,Field review,System machinery,secretariat,"'=HYPERLINK(""http://example.test"")",,,audit,decision,3,\r\n`);
  });
});
