import type { DecodedEvent } from '../../audit/history-events';
import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import { isStepActivity } from '../../audit/case-activity-names';
import { ofKinds } from '../../audit/narration/case-file';
import { historyCsv } from '../../audit/narration/export';
import type { AuditRow, CaseFile, TimelineRow } from '../../audit/narration/history-item';
import { HISTORY_KINDS, STAGES } from '../../audit/narration/history-item';
import { describeCaseHistory } from '../../audit/narration/merge';
import { localTime } from '../../audit/narration/words';
import type { Language } from '../../domain/channels';
import type { CaseStep, StepOutcome, TaskDecision } from '../../workflows/contract';
import { completeTaskUpdate } from '../../workflows/contract';
import { committedHistories } from '../histories/committed';

// The case file an auditor reads, over the committed histories: rows in the stages of the process,
// each the decision or event a person reads, the machine's records folded under it — none lost.

const histories = committedHistories();
const usernames = new Map([
  ['u-secretariat', 'secretariat'],
  ['u-wg-catering', 'wg-catering'],
  ['u-branch-catering', 'branch-catering'],
  ['u-committee1', 'committee1'],
  ['u-assoc-1', 'assoc-1'],
]);

async function eventsOf(path: string): Promise<DecodedEvent[]> {
  return decodeHistory(histories.find((h) => h.path === path)!.history, payloadDecoder());
}

/**
 * The audit log and the timeline the running system writes beside a workflow history: the
 * submission, each decision (once its Update answered), each status email as it is sent, one
 * timeline row per step.
 */
function writtenBeside(events: DecodedEvent[], caseId: string): { audit: AuditRow[]; timeline: TimelineRow[] } {
  const audit: AuditRow[] = [];
  const timeline: TimelineRow[] = [];
  const scheduled = new Map<number, DecodedEvent>();
  const emailOf = new Map<string, CaseStep>();
  const kinds = new Map<string, string>();
  const decisions = new Map<number, TaskDecision>();
  const entry = (at: number, actorId: string | null, action: string, details: object) => audit.push({ id: audit.length + 1, at: new Date(at), actorId, action, details: JSON.stringify(details) });
  entry(Date.parse(events[0].at) - 50, 'u-assoc-1', 'nomination-submitted', { channel: 'organisation', recommendingUnit: '示例协会', sealedFormSha256: 'ab'.repeat(32) });
  for (const e of events) {
    if (e.type === 'ActivityTaskScheduled') {
      scheduled.set(e.id, e);
      if (isStepActivity(e.activityType)) {
        const s = e.input![0] as CaseStep;
        if (s.openTask) kinds.set(s.openTask.taskId, s.openTask.kind);
        timeline.push({ seq: s.seq, at: new Date(s.at), status: s.status, note: s.note ?? null, actorId: s.actorId ?? null });
      }
    }
    if (e.type === 'WorkflowExecutionUpdateAccepted' && e.updateName === completeTaskUpdate.name) decisions.set(e.id, e.input![0] as TaskDecision);
    if (e.type === 'WorkflowExecutionUpdateCompleted' && decisions.has(e.acceptedEventId!)) {
      const d = decisions.get(e.acceptedEventId!)!;
      entry(Date.parse(e.at) + 5, d.actor.id, 'decision', { taskId: d.taskId, kind: kinds.get(d.taskId), decision: d.decision, comment: d.comment, score: d.score });
    }
    if (e.type === 'ActivityTaskCompleted') {
      const of = scheduled.get(e.scheduledEventId!)!;
      if (isStepActivity(of.activityType)) for (const id of (e.result as StepOutcome).outboxIds) emailOf.set(id, of.input![0] as CaseStep);
      if (of.activityType === 'deliverEmail') {
        const step = emailOf.get(of.input![0] as string)!;
        const template = `status:${step.status}`;
        entry(Date.parse(e.at) - 1, null, 'email-sent', { key: `${caseId}:${step.seq}:${template}:applicant@example.test`, recipient: 'applicant@example.test', template });
      }
    }
  }
  return { audit, timeline };
}

async function caseFileOf(path: string, { beside = false, language = 'zh-CN' as Language } = {}): Promise<CaseFile> {
  const events = await eventsOf(path);
  const written = beside ? writtenBeside(events, `hist-${path}`) : { audit: [], timeline: [] };
  return describeCaseHistory({ events, ...written, usernames, language });
}

test('the stages come in the order of the process, each with who decided what and when it opened and closed', async () => {
  const file = await caseFileOf('announced');
  expect(file.stages.map((s) => [s.stage, s.label, s.decidedBy, s.decisions.map((d) => d.decision ?? d.what), s.outcome])).toEqual([
    ['seal-check', '公章审核', ['secretariat'], ['approve'], 'field-review'],
    ['field-review', '业务领域审核', ['wg-catering'], ['pass'], 'branch-shortlist'],
    ['branch-shortlist', '分支机构遴选', ['branch-catering'], ['shortlist'], 'committee-review'],
    ['committee-review', '评审委员会评审', ['committee1'], ['approve'], 'awaiting-selection'],
    ['awaiting-selection', '评选', ['评审委员会'], [expect.stringMatching(/^评审委员会评选结果：当选，排名 1/)], 'public-notice'],
    ['public-notice', '公示', [], [], 'notice-ended'],
    ['announced', '通报', ['系统'], [expect.stringMatching(/^评选结果正式通报（.+），案件状态变为「已通报」$/)], 'announced'],
  ]);
  expect(file.stages[0].decisions[0]).toMatchObject({ actor: 'secretariat', what: '秘书处 secretariat 通过公章审核，案件状态变为「业务领域审核」', why: '盖章材料齐全' });
  // Each stage opens when the one before closes, and closes after it opens.
  for (const [before, after] of file.stages.slice(0, -1).map((s, i) => [s, file.stages[i + 1]] as const)) {
    expect(after.openedAt).toBe(before.closedAt);
    expect(Date.parse(before.closedAt!)).toBeGreaterThanOrEqual(Date.parse(before.openedAt));
  }
});

test('in every committed history the rows never go back to an earlier stage, and a withdrawal or disqualification is a stage of its own with its decision', async () => {
  for (const h of histories) {
    const file = await caseFileOf(h.path);
    const order = file.items.map((i) => STAGES.indexOf(i.stage));
    expect({ history: h.path, backwards: order.some((n, i) => i > 0 && n < order[i - 1]) }).toEqual({ history: h.path, backwards: false });
    expect(file.stages.map((s) => s.stage)).toEqual(STAGES.filter((s) => file.items.some((i) => i.stage === s)));
  }
  const withdrawn = await caseFileOf('withdrawn-during-notice');
  expect(withdrawn.stages.at(-1)).toMatchObject({ stage: 'withdrawn', label: '撤回', decidedBy: ['assoc-1'], decisions: [{ what: 'assoc-1 撤回申报，案件状态变为「已撤回」', why: '本人申请撤回' }] });
  const disqualified = await caseFileOf('objection-upheld');
  expect(disqualified.stages.map((s) => s.stage).slice(-2)).toEqual(['public-notice', 'disqualified']);
  expect(disqualified.stages.at(-1)).toMatchObject({ label: '取消资格', outcome: 'disqualified', decisions: [{ decision: 'uphold', what: '秘书处 secretariat 裁定异议成立，案件状态变为「已取消资格」' }] });
});

test('an honouree import’s eligibility review, recorded: opened while the branch shortlists, ruled ineligible with an internal note, the case disqualified', async () => {
  const file = await caseFileOf('ineligible-after-import');
  const review = file.items.find((i) => i.kind === 'report')!;
  expect(review).toMatchObject({ stage: 'branch-shortlist', what: '往届表彰名单中有同名同单位人员，待秘书处复核参评资格，转秘书处办理（参评资格复核）' });
  expect(review.detail[0].text).toBe('开启参评资格复核（e-registry）');
  expect(file.stages.at(-1)).toMatchObject({
    stage: 'disqualified',
    decidedBy: ['secretariat'],
    decisions: [{ decision: 'ineligible', note: '2022年度已获表彰', what: '秘书处 secretariat 经参评资格复核认定：不符合参评资格，案件状态变为「已取消资格」' }],
  });
  expect(file.stages.find((s) => s.stage === 'field-review')!.decisions[0].what).toBe('评审工作组 wg-catering 通过业务领域审核，已核实所报媒体奖项属实，案件状态变为「分支机构遴选」');

  // The audit log names who imported the list; its entry folds under the Update and tells the row who.
  const events = await eventsOf('ineligible-after-import');
  const opened = events.find((e) => e.updateName === 'openEligibilityReview')!;
  const audit: AuditRow[] = [
    { id: 1, at: new Date(Date.parse(opened.at) + 300), actorId: 'u-secretariat', action: 'eligibility-review-opened', details: JSON.stringify({ reviewId: 'e-registry', honoureeId: 'h-2022-1', taskId: 'hist-ineligible-after-import.t4' }) },
  ];
  const told = describeCaseHistory({ events, audit, timeline: [], usernames, language: 'zh-CN' });
  expect(told.items.length).toBe(file.items.length);
  expect(told.items.find((i) => i.kind === 'report')).toMatchObject({ actor: 'secretariat', what: review.what });
  expect(told.items.find((i) => i.kind === 'report')!.detail.map((d) => d.text)).toContain('开启参评资格复核 e-registry（往届表彰 h-2022-1），任务 hist-ineligible-after-import.t4');
});

test('the machine’s records fold under the row they repeat: the announced case reads in 17 rows instead of 47, or 68 with the audit log and timeline beside it', async () => {
  const alone = await caseFileOf('announced');
  const beside = await caseFileOf('announced', { beside: true });
  // Before, every record was a row of its own.
  expect([alone.records, alone.items.length]).toEqual([47, 17]);
  expect([beside.records, beside.items.length]).toEqual([68, 17]);
  for (const file of [alone, beside]) {
    expect(file.items.reduce((n, i) => n + i.detail.length, 0)).toBe(file.records);
    // No row only says that a step was written, an Update answered, a timeline row added or a decision audited.
    expect(file.items.filter((i) => ['ActivityTaskCompleted', 'WorkflowExecutionUpdateCompleted', 'TimelineEntry', 'decision'].includes(i.eventType))).toEqual([]);
  }
  // With the audit log, the submission leads the file and the workflow's start folds under it.
  expect(beside.items[0]).toMatchObject({ kind: 'submission', stage: 'seal-check', what: 'assoc-1 提交申报（推荐单位：示例协会，渠道：单位推荐），案件状态变为「公章审核」' });
  expect(beside.items[0].detail.map((d) => d.eventType)).toEqual(['nomination-submitted', 'WorkflowExecutionStarted', 'TimelineEntry', 'ActivityTaskScheduled', 'ActivityTaskCompleted']);
  // Each email is one row: the workflow's delivery told with the recipient the audit log names.
  const emails = beside.items.filter((i) => i.kind === 'email');
  expect(emails).toHaveLength(8);
  expect(emails[1]).toMatchObject({ stage: 'field-review', what: '状态通知邮件已发给 applicant@example.test：案件进入「业务领域审核」' });
  expect(emails[1].detail.map((d) => d.text)).toEqual([
    '发送邮件（发件箱 mail-2）',
    '邮件已发出：status:field-review → applicant@example.test，发件箱键 hist-announced:2:status:field-review:applicant@example.test',
    '邮件已发出（发件箱 mail-2）',
  ]);
});

test('rows filter by kind; the counts of kinds add up to the whole file', async () => {
  const file = await caseFileOf('announced', { beside: true });
  expect(file.kinds.map((k) => [k.kind, k.count])).toEqual([
    ['decision', 6],
    ['submission', 1],
    ['objection', 0],
    ['report', 0],
    ['correction', 0],
    ['email', 8],
    ['deadline', 2],
    ['access', 0],
    ['system', 0],
  ]);
  expect(file.kinds.reduce((n, k) => n + k.count, 0)).toBe(file.items.length);
  expect(file.kinds.map((k) => k.kind)).toEqual([...HISTORY_KINDS]);
  const decisions = ofKinds(file.items, ['decision']);
  expect(decisions.map((i) => i.actor)).toEqual(['secretariat', 'wg-catering', 'branch-catering', 'committee1', '评审委员会', '系统']);
  expect(ofKinds(file.items, ['email', 'deadline']).every((i) => i.kind === 'email' || i.kind === 'deadline')).toBe(true);
  expect(ofKinds(file.items, ['email', 'deadline'])).toHaveLength(10);
  expect(ofKinds(file.items, [])).toEqual(file.items);
  expect(ofKinds(file.items, undefined)).toEqual(file.items);
});

test('the page’s time and the CSV’s are the same Beijing time, to the minute, in either language', async () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const file = await caseFileOf('disqualified-after-announcement', { beside: true, language });
    const lines = historyCsv(file.items, language).slice(1).split('\r\n');
    expect(lines[0].startsWith(language === 'en' ? '"at (Beijing time, UTC+8)",' : '时间（北京时间，UTC+8）,')).toBe(true);
    const suffix = language === 'en' ? ' (Beijing time)' : '（北京时间）';
    const shown = file.items.map((i) => i.atLocal);
    expect(shown.every((s) => s.endsWith(suffix))).toBe(true);
    expect(file.items.map((i) => localTime(i.at, language))).toEqual(shown);
    // Each row's first cell (a row's detail may run over several lines, quoted).
    const cells = historyCsv(file.items, language)
      .match(/(?:^|\r\n)(\d{4}-\d\d-\d\d \d\d:\d\d),/g)!
      .map((m) => m.replace(/^\r\n/, '').slice(0, -1));
    expect(cells.map((c) => `${c}${suffix}`)).toEqual(shown);
  }
  // 13:34 UTC is 21:34 in Beijing.
  expect((await caseFileOf('announced')).items[0]).toMatchObject({ at: '2026-11-30T13:34:16.855Z', atLocal: '2026-11-30 21:34（北京时间）' });
});
