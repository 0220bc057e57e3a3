import type { DecodedEvent } from '../../audit/history-events';
import { narrateAuditEntries } from '../../audit/narration/audit-entries';
import type { HistoryItem } from '../../audit/narration/history-item';
import { describeCaseHistory, inTimeOrder } from '../../audit/narration/merge';
import { nameOf } from '../../audit/narration/people';
import { narrateWorkflowEvents } from '../../audit/narration/workflow-events';
import type { Language } from '../../domain/channels';
import { DECISION_LABELS, ROLE_LABELS } from '../../domain/vocabulary';
import type { CaseActivities, CaseStep } from '../../workflows/contract';
import { completeTaskUpdate, deadlinesChangedSignal, promotedSignal, reportFraudUpdate, withdrawUpdate } from '../../workflows/contract';

// The narration's parts on events made up for the purpose: what the committed histories never show.

const usernames = new Map([['u-secretariat', 'secretariat']]);
const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute)).toISOString();
const activity = <N extends keyof CaseActivities>(name: N) => name;

function tell(events: Omit<DecodedEvent, 'id' | 'at'>[], language: Language = 'zh-CN'): HistoryItem[] {
  const numbered = events.map((e, i) => ({ id: i + 1, at: at(i), ...e }));
  return narrateWorkflowEvents(numbered, nameOf(usernames, language), language);
}

const step = (s: Partial<CaseStep>): CaseStep => ({ caseId: 'c1', campaignId: 'k1', seq: 1, at: at(0), status: 'seal-check', ...s });

test('Updates are recognised by the contract’s message names; one this code does not know is still told by its name', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ openTask: { taskId: 't1', kind: 'fraud-investigation' } })] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't1', decision: 'dismiss', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: withdrawUpdate.name, input: [{ reason: '个人原因' }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: reportFraudUpdate.name, input: [{ reportId: 'r1', actor: { id: 'u-other', username: 'other' } }] },
    { type: 'WorkflowExecutionUpdateAccepted', updateName: 'somethingNew', input: [{}] },
  ]);
  expect(items.slice(1).map((i) => [i.actor, i.what, i.why])).toEqual([
    ['secretariat', '秘书处 secretariat 作出决定（举报调查，任务 t1）：不成立（dismiss）', undefined],
    ['申请人或推荐单位', '申请人或推荐单位 撤回申报', '个人原因'],
    ['other', 'other 举报（r1）', undefined],
    ['系统', '更新 somethingNew', undefined],
  ]);
});

test('decisions and roles are named as the vocabulary names them, in either language', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const [, decision] = tell(
      [
        { type: 'ActivityTaskScheduled', activityType: activity('recordCaseStep'), input: [step({ openTask: { taskId: 't1', kind: 'objection-review' } })] },
        { type: 'WorkflowExecutionUpdateAccepted', updateName: completeTaskUpdate.name, input: [{ taskId: 't1', decision: 'dismiss', actor: { id: 'u-secretariat', username: 'secretariat' } }] },
      ],
      language,
    );
    const word = language === 'en' ? 'en' : 'zh';
    expect(decision.what.startsWith(`${ROLE_LABELS.secretariat[word]} secretariat`)).toBe(true);
    expect(decision.what).toContain(`${DECISION_LABELS.dismiss[word]}`);
  }
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
  expect(items.map((i) => i.what).slice(2)).toEqual(['开始计时：公示期结束，1.5 天后，即 2030-01-02 20:02（北京时间）', '公示期结束']);
  expect(items[3].why).toBe('期限：2030-01-02 20:02（北京时间）');
});

test('an activity that fails with retries left is not told as given up; a compensation that times out for good is named by what it undoes', () => {
  const items = tell([
    { type: 'ActivityTaskScheduled', activityType: activity('deliverEmail'), input: ['o1'] },
    { type: 'ActivityTaskFailed', scheduledEventId: 1, failure: 'smtp down', retryState: 'RETRY_STATE_IN_PROGRESS' },
    { type: 'ActivityTaskScheduled', activityType: activity('compensate'), input: [{ action: 'revoke-winner', reason: 'fraud-upheld' }] },
    { type: 'ActivityTaskTimedOut', scheduledEventId: 3, failure: 'too slow', retryState: 'RETRY_STATE_TIMEOUT' },
  ]);
  expect(items.map((i) => i.what)).toEqual(['发送邮件（发件箱 o1）', '活动「deliverEmail」失败：smtp down', '撤销补偿：撤销当选（revoke-winner）', '撤销补偿「撤销当选」超时，不再重试：too slow']);
  expect(items[2].why).toBe('举报属实');
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
  expect(items.map((i) => [i.what, i.why])).toEqual([
    ['记录第 1 步：案件状态变为「constructor」', 'toString'],
    ['案件工作流结束，最终状态：hasOwnProperty', undefined],
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
  expect(items.map((i) => [i.actor, i.what, i.why])).toEqual([
    ['系统', '撤销补偿生效：撤下公示（withdraw-notice）', '异议成立'],
    ['secretariat', '审计记录：something-new', '{"details":"not JSON"}'],
    ['系统', '邮件被邮件服务器拒收：status-changed → unit@example.test', '550 mailbox unavailable'],
  ]);
});

describe('merging in time order', () => {
  const item = (source: HistoryItem['source'], minute: number, eventId: number, why?: string): HistoryItem => ({ at: at(minute), source, actor: 'a', what: `${source} ${eventId}`, why, eventType: 'x', eventId });

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
    const items = describeCaseHistory({
      events: [],
      audit: [{ id: 1, at: new Date(at(2)), actorId: 'applicant:c1', action: 'nomination-withdrawn', details: '{}' }],
      timeline: [{ seq: 1, at: new Date(at(1)), status: 'withdrawn', note: null, actorId: 'committee' }],
      usernames,
      language: 'en',
    });
    expect(items.map((i) => [i.actor, i.what])).toEqual([
      ['committee', 'timeline step 1: Withdrawn (withdrawn)'],
      ['applicant', 'applicant withdrew the nomination'],
    ]);
  });
});
