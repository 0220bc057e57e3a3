import type { DecodedEvent } from '../../audit/history-events';
import { narrateAuditEntries } from '../../audit/narration/audit-entries';
import { caseFile } from '../../audit/narration/case-file';
import type { HistorySource, Narrated } from '../../audit/narration/history-item';
import { describeCaseHistory, inTimeOrder } from '../../audit/narration/merge';
import { nameOf } from '../../audit/narration/people';
import { narrateWorkflowEvents } from '../../audit/narration/workflow-events';
import type { Language } from '../../domain/channels';
import { DECISION_LABELS, NOTE_LABELS, ROLE_LABELS, STATUS_LABELS } from '../../domain/vocabulary';
import type { CaseActivities, CaseStep } from '../../workflows/contract';
import {
  announceSignal,
  committeeQuorumSignal,
  completeTaskUpdate,
  deadlinesChangedSignal,
  eligibilityReviewUpdate,
  promotedSignal,
  reportFraudUpdate,
  withdrawUpdate,
} from '../../workflows/contract';

// The narration's parts on events made up for the purpose: what the committed histories never show.
// Each record is told twice: `what` in plain words for the row, `machine` (ids, steps, tasks) for its fold.

const usernames = new Map([['u-secretariat', 'secretariat']]);
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();
const activity = <N extends keyof CaseActivities>(name: N) => name;

const numbered = (events: Omit<DecodedEvent, 'id' | 'at'>[]): DecodedEvent[] => events.map((e, i) => ({ id: i + 1, at: at(i), ...e }));

function tell(events: Omit<DecodedEvent, 'id' | 'at'>[], language: Language = 'zh-CN'): Narrated[] {
  return narrateWorkflowEvents(numbered(events), nameOf(usernames, language), language);
}

/** The same events as the rows of a case file. */
function rows(events: Omit<DecodedEvent, 'id' | 'at'>[], language: Language = 'zh-CN') {
  return caseFile(tell(events, language), language);
}

const step = (s: Partial<CaseStep>): CaseStep => ({ caseId: 'c1', campaignId: 'k1', seq: 1, at: at(0), status: 'seal-check', ...s });

test('Updates are recognised by the contract’s message names and told in plain words, the ids kept in machine terms; one this code does not know is still told by its name', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ openTask: { taskId: 't1', kind: 'fraud-investigation' } })] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't1', decision: 'dismiss', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: withdrawUpdate.name, input: [{ reason: '个人原因' }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: reportFraudUpdate.name, input: [{ reportId: 'r1', actor: { id: 'u-other', username: 'other' } }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: 'somethingNew', input: [{}] },
  ]);
  expect(items.slice(1).map((i) => [i.actor, i.kind, i.what, i.why])).toEqual([
    ['secretariat', 'decision', '秘书处 secretariat 裁定举报不成立', undefined],
    ['申请人或推荐单位', 'submission', '申请人或推荐单位 撤回申报', '个人原因'],
    ['other', 'report', 'other 举报弄虚作假', undefined],
    ['系统', 'system', '更新 somethingNew', undefined],
  ]);
  expect(items.slice(1).map((i) => i.machine)).toEqual(['秘书处 secretariat 作出决定（举报调查，任务 t1）：不成立（dismiss）', '申请人或推荐单位 撤回申报', 'other 举报（r1）', '更新 somethingNew']);
});

test('decisions and roles are named as the vocabulary names them, in either language', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const [, decision] = tell(
      [
        { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ openTask: { taskId: 't1', kind: 'seal-check' } })] },
        { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't1', decision: 'reject', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
      ],
      language,
    );
    const word = language === 'en' ? 'en' : 'zh';
    expect(decision.what.startsWith(`${ROLE_LABELS.secretariat[word]} secretariat`)).toBe(true);
    expect(decision.machine).toContain(DECISION_LABELS.reject[word]);
  }
  const [, zh] = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ openTask: { taskId: 't1', kind: 'seal-check' } })] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't1', decision: 'approve', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
  ]);
  expect(zh.what).toBe('秘书处 secretariat 通过公章审核');
});

test('a decision’s internal note is kept apart for auditors, and the working group’s check of the media awards is said', () => {
  const [, decision, recorded] = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'field-review', openTask: { taskId: 't2', kind: 'field-review' } })] },
    {
      type: 'WorkflowExecutionUpdateAccepted',
      updateName: completeTaskUpdate.name,
      input: [{ taskId: 't2', decision: 'pass', comment: '材料齐全', note: '奖项证书已电话核实', awardsVerified: true, actor: { id: 'u-wg', username: 'wg' } }],
    },
    {
      type: 'ActivityTaskScheduled',
      activityType: activity('recordCaseStep'),
      input: [step({ seq: 2, status: 'branch-shortlist', actorId: 'u-wg', closeTask: { taskId: 't2', outcome: 'completed', decision: 'pass', note: '奖项证书已电话核实', awardsVerified: true, decidedBy: 'u-wg' } })],
    },
  ]);
  expect(decision).toMatchObject({ what: '评审工作组 wg 通过业务领域审核，已核实所报媒体奖项属实', why: '材料齐全', note: '奖项证书已电话核实' });
  expect(decision.machine).toContain('内部备注：奖项证书已电话核实，媒体奖项核实：属实');
  expect(recorded.machine).toContain('媒体奖项核实：属实，内部备注：奖项证书已电话核实');
  const [, english] = tell(
    [
      { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'field-review', openTask: { taskId: 't2', kind: 'field-review' } })] },
      { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't2', decision: 'pass', awardsVerified: false, actor: { id: 'u-wg', username: 'wg' } }] },
    ],
    'en',
  );
  expect(english.what).toBe('Working group wg passed the case at the field review; the media awards claimed could not be verified');
});

test('the eligibility review: opened by its Update, ruled on its task, the ruling disqualifies the case', () => {
  const file = rows([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'announced' })] },
    { type: 'ActivityTaskCompleted', scheduledEventId: 1, result: { outboxIds: [] } },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: eligibilityReviewUpdate.name, input: [{ reviewId: 'h1' }] },
    {
      type: 'ActivityTaskScheduled',
      activityType: activity('recordCaseStep'),
      input: [step({ seq: 2, status: 'announced', openTask: { taskId: 't9', kind: 'eligibility-review' }, subject: { kind: 'eligibility', id: 'h1' }, note: 'eligibility-review-opened' })],
    },
    { type: 'WorkflowExecutionUpdateCompleted', acceptedEventId: 3, result: { taskId: 't9' } },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't9', decision: 'ineligible', note: '2019 年已获表彰', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
    {
      type: 'ActivityTaskScheduled',
      activityType: activity('recordCaseStep'),
      input: [step({ seq: 3, status: 'announced', actorId: 'u-secretariat', closeTask: { taskId: 't9', outcome: 'completed', decision: 'ineligible', decidedBy: 'u-secretariat' }, subject: { kind: 'eligibility', id: 'h1', ruling: 'ineligible' } })],
    },
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ seq: 4, status: 'disqualified', actorId: 'u-secretariat', note: 'ineligible' })] },
  ]);
  const [, review, ruling] = file.items;
  expect(review).toMatchObject({ kind: 'report', stage: 'announced', what: `${NOTE_LABELS['eligibility-review-opened'].zh}，转秘书处办理（参评资格复核）` });
  expect(review.detail.map((d) => d.text)).toEqual(['开启参评资格复核（h1）', '记录第 2 步：状态仍为「已通报（announced）」，开启任务「参评资格复核」t9，涉及资格复核 h1', '参评资格复核已受理，开启任务 t9']);
  expect(ruling).toMatchObject({ kind: 'decision', stage: 'disqualified', note: '2019 年已获表彰', what: '秘书处 secretariat 经参评资格复核认定：不符合参评资格，案件状态变为「已取消资格」' });
  expect(ruling.detail.map((d) => d.text).join('\n')).toContain('资格复核 h1 裁定：不符合参评资格（ineligible）');
});

test('the notice ends in notice-ended, which waits for the announcement Signal: the announcement is the decision of its own stage', () => {
  const file = rows([
    { type: 'WorkflowExecutionStarted', workflowType: 'nominationWorkflow', input: [{ caseId: 'c1', campaignId: 'k1' }] },
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'public-notice', notice: 'publish', rank: 1 })] },
    { type: 'ActivityTaskCompleted', scheduledEventId: 2, result: { outboxIds: [] } },
    { type: 'TimerStarted', timerId: '1', timeoutMs: 60_000 },
    { type: 'TimerFired', timerId: '1' },
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ seq: 2, status: 'notice-ended' })] },
    { type: 'ActivityTaskCompleted', scheduledEventId: 6, result: { outboxIds: [] } },
    { type: 'WorkflowExecutionSignaled', signalName: announceSignal.name, input: [{ announcedAt: '2030-01-10T02:00:00.000Z' }] },
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ seq: 3, status: 'announced' })] },
    { type: 'WorkflowExecutionSignaled', signalName: committeeQuorumSignal.name, input: [{ quorum: 5 }] },
  ]);
  expect(file.items.slice(2).map((i) => [i.stage, i.kind, i.what])).toEqual([
    ['public-notice', 'deadline', `公示期结束，案件状态变为「${STATUS_LABELS['notice-ended'].zh}」`],
    ['announced', 'decision', '评选结果正式通报（2030-01-10 10:00（北京时间）），案件状态变为「已通报」'],
    ['announced', 'system', '评审委员会法定人数调整为 5 人'],
  ]);
  expect(file.stages.at(-1)).toMatchObject({ stage: 'announced', label: '通报', outcome: 'announced', decisions: [{ what: expect.stringMatching(/^评选结果正式通报/) }] });
});

test('an Update’s completion tells its outcome: the status it led to, the task it opened, or its failure', () => {
  const items = tell([
    { type: 'WorkflowExecutionUpdateAccepted', updateName: withdrawUpdate.name, input: [{}] },
    { type: 'WorkflowExecutionUpdateCompleted', acceptedEventId: 1, result: { caseStatus: 'withdrawn' } },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: reportFraudUpdate.name, input: [{ reportId: 'r1' }] },
    { type: 'WorkflowExecutionUpdateCompleted', acceptedEventId: 3, result: { taskId: 't9' } },
    { type: 'WorkflowExecutionUpdateCompleted', acceptedEventId: 3, failure: 'case-closed' },
  ], 'en');
  expect(items.filter((i) => i.eventType === 'WorkflowExecutionUpdateCompleted').map((i) => i.what)).toEqual([
    'Withdrawal took effect; the case is Withdrawn (withdrawn)',
    'Fraud report accepted; task t9 opened',
    'Fraud report failed: case-closed',
  ]);
});

test('Signals are recognised by the contract’s definitions and told with their deadlines in Beijing time', () => {
  const items = tell([
    { type: 'WorkflowExecutionSignaled', signalName: promotedSignal.name, input: [{ rank: 3, noticeEndsAt: '2030-01-08T16:00:00.000Z' }] },
    { type: 'WorkflowExecutionSignaled', signalName: deadlinesChangedSignal.name, input: [{ version: 2, submissionDeadline: '2030-01-01T00:00:00.000Z', reviewDeadline: '2030-02-01T00:00:00.000Z' }] },
    { type: 'WorkflowExecutionSignaled', signalName: 'somethingNew', input: [] },
  ]);
  expect(items.map((i) => i.what)).toEqual([
    '递补为当选：排名 3，公示至 2030-01-09 00:00（北京时间）',
    '截止期限变更（第 2 版）：申报截止 2030-01-01 08:00（北京时间），评审截止 2030-02-01 08:00（北京时间）',
    '收到信号 somethingNew',
  ]);
});

test('a timer is named by the status of the last step written when it started, and its firing by the same', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'public-notice' })] },
    { type: 'ActivityTaskCompleted', scheduledEventId: 1 },
    { type: 'TimerStarted', timerId: '1', timeoutMs: 36 * 3_600_000 },
    { type: 'TimerFired', timerId: '1' },
  ]);
  expect(items.map((i) => i.what).slice(2)).toEqual(['公示期结束定于 2030-01-02 20:02（北京时间）', '公示期结束']);
  expect(items[2].machine).toBe('开始计时：公示期结束，1.5 天后，即 2030-01-02 20:02（北京时间）（计时器 1）');
  expect(items[3].why).toBe('期限：2030-01-02 20:02（北京时间）');
});

test('an activity that fails with retries left is not told as given up, and folds under it; a compensation that times out for good is a row, named by what it undoes', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('deliverEmail'), input: ['o1'] },
    { type: 'ActivityTaskFailed', scheduledEventId: 1, failure: 'smtp down', retryState: 'RETRY_STATE_IN_PROGRESS' },
    { type: 'ActivityTaskScheduled', activityType: activity('compensate'), input: [{ action: 'revoke-winner', reason: 'fraud-upheld' }] },
    { type: 'ActivityTaskTimedOut', scheduledEventId: 3, failure: 'too slow', retryState: 'RETRY_STATE_TIMEOUT' },
  ]);
  expect(items.map((i) => i.what)).toEqual(['发送邮件', '活动「deliverEmail」失败：smtp down', '撤销补偿：撤销当选', '撤销补偿「撤销当选」超时，不再重试：too slow']);
  expect(items.map((i) => i.machine)).toEqual([
    '发送邮件（发件箱 o1）',
    '活动「deliverEmail」失败：smtp down，重试状态：RETRY_STATE_IN_PROGRESS',
    '撤销补偿：撤销当选（revoke-winner）',
    '撤销补偿「撤销当选」超时，不再重试：too slow，重试状态：RETRY_STATE_TIMEOUT',
  ]);
  expect(items[2].why).toBe('举报属实');
  expect(caseFile(items, 'zh-CN').items.map((i) => [i.kind, i.stage, i.detail.length])).toEqual([
    ['email', 'seal-check', 2],
    ['correction', 'disqualified', 1],
    ['correction', 'disqualified', 1],
  ]);
});

test('a patch marker tells where the new code path begins; other markers and task bookkeeping are left out', () => {
  const items = tell([
    { type: 'WorkflowTaskScheduled' },
    { type: 'MarkerRecorded', markerName: 'core_patch', patchId: 'eligibility-check' },
    { type: 'MarkerRecorded', markerName: 'core_local_activity' },
  ], 'en');
  expect(items).toEqual([expect.objectContaining({ what: 'code version marker: eligibility-check', why: 'the new code path applies from here', eventId: 2 })]);
});

test('codes the vocabulary does not name are shown as they are, even one spelled like a built-in property', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ status: 'constructor' as CaseStep['status'], note: 'toString' })] },
    { type: 'WorkflowExecutionCompleted', result: 'hasOwnProperty' },
  ]);
  expect(items.map((i) => [i.what, i.machine, i.why])).toEqual([
    ['案件状态变为「constructor」', '记录第 1 步：案件状态变为「constructor」', 'toString'],
    ['案件办理结束，最终状态：hasOwnProperty', '案件工作流结束，最终状态：hasOwnProperty', undefined],
  ]);
});

test('audit entries: a compensation names what it undid and why; an unknown action keeps its details as written', () => {
  const names = nameOf(usernames, 'zh-CN');
  const items = narrateAuditEntries(
    [
      { id: 1, at: new Date(at(0)), actorId: null, action: 'compensation:withdraw-notice', details: JSON.stringify({ reason: 'objection-upheld' }) },
      { id: 2, at: new Date(at(1)), actorId: 'u-secretariat', action: 'something-new', details: 'not JSON' },
      { id: 3, at: new Date(at(2)), actorId: null, action: 'email-failed', details: JSON.stringify({ template: 'status-changed', recipient: 'unit@example.test', error: '550 mailbox unavailable' }) },
    ],
    names,
    'zh-CN',
  );
  expect(items.map((i) => [i.actor, i.kind, i.what, i.why])).toEqual([
    ['系统', 'correction', '撤销补偿生效：撤下公示', '异议成立'],
    ['secretariat', 'system', '审计记录：something-new', '{"details":"not JSON"}'],
    ['系统', 'email', '邮件被邮件服务器拒收：status-changed → unit@example.test', '550 mailbox unavailable'],
  ]);
  expect(items[0].machine).toBe('撤销补偿生效：撤下公示（withdraw-notice）');
});

describe('merging in time order', () => {
  const item = (source: HistorySource, minute: number, eventId: number, why?: string): Narrated => ({
    at: at(minute),
    source,
    actor: 'a',
    what: `${source} ${eventId}`,
    machine: `${source} ${eventId}`,
    kind: 'system',
    why,
    eventType: 'x',
    eventId,
  });

  test('workflow events keep their history order even when an earlier time is written later; the others fall in between by time', () => {
    const merged = inTimeOrder([item('workflow', 0, 1), item('workflow', 5, 2), item('workflow', 3, 3), item('audit', 4, 1), item('timeline', 6, 1)]);
    expect(merged.map((i) => i.what)).toEqual(['workflow 1', 'audit 1', 'workflow 2', 'workflow 3', 'timeline 1']);
  });

  test('on the same instant the workflow event comes first, then the timeline row, then the audit entry; an empty reason is dropped', () => {
    const merged = inTimeOrder([item('audit', 1, 1, ''), item('timeline', 1, 1), item('workflow', 1, 1, 'because')]);
    expect(merged.map((i) => i.source)).toEqual(['workflow', 'timeline', 'audit']);
    expect(merged.map((i) => 'why' in i)).toEqual([true, false, false]);
  });

  test('a history with no workflow events is the audit log and timeline alone', () => {
    const { items } = describeCaseHistory({
      events: [],
      audit: [{ id: 1, at: new Date(at(2)), actorId: 'applicant:c1', action: 'nomination-withdrawn', details: '{}' }],
      timeline: [{ seq: 1, at: new Date(at(1)), status: 'withdrawn', note: null, actorId: 'committee' }],
      usernames,
      language: 'en',
    });
    expect(items.map((i) => [i.actor, i.stage, i.what, i.detail[0].text])).toEqual([
      ['committee', 'withdrawn', 'the case moves to Withdrawn', 'timeline step 1: Withdrawn (withdrawn)'],
      ['applicant', 'withdrawn', 'applicant withdrew the nomination', 'applicant withdrew the nomination'],
    ]);
  });
});
