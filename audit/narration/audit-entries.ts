import { describeError } from '../../domain/error-messages';
import type { Language } from '../../domain/channels';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import { decisionSentence } from './decisions';
import type { AuditRow, Narrated, Told } from './history-item';
import type { NameOf } from './people';
import type { Phrasebook, Tongue } from './words';
import { channelWords, compensationText, decisionText, kindText, listSeparator, noteText, scoreSuffix, statusWords, tongueOf } from './words';

// The audit log's entries, told for people: what was done through the API and by the mailer,
// including the attempts the workflow refused (a refused Update leaves nothing in its history).

const COMPENSATION_PREFIX = 'compensation:';

/** The attempts the API records as refused, by their audit action. */
const REFUSED_ATTEMPTS: Record<string, Label> = {
  'withdrawal-refused': { zh: '撤回申请', en: 'withdrawal' },
  'sealed-form-resubmission-refused': { zh: '重新提交报名表', en: 'resubmission of the sealed form' },
  'fraud-report-refused': { zh: '举报', en: 'fraud report' },
  'objection-refused': { zh: '公示异议', en: 'objection' },
  'eligibility-review-refused': { zh: '参评资格复核', en: 'eligibility review' },
};

interface TaskRef {
  actor: string;
  kind: string;
  taskId: string;
}

interface Phrases {
  compensation(label: string, action: string): string;
  compensationDone(label: string): string;
  decision(t: TaskRef & { decision: string; score: string; note?: string }): string;
  decisionRefused(t: TaskRef & { code: string }): string;
  refusedAt(actor: string, kind: string): string;
  submitted(actor: string, unit: string, channel: string): string;
  sealedFormDigest(sha256: string): string;
  withdrawn(actor: string): string;
  resubmitted(actor: string): string;
  downloaded(actor: string): string;
  objectionLodged(objectionId: string): string;
  objectionReceived: string;
  fraudReported(actor: string, reportId: string, taskId: string): string;
  reportsFraud(actor: string): string;
  eligibilityReview(reviewId: string, honoureeId: string, taskId: string): string;
  emailSent(template: string, recipient: string): string;
  statusEmailSent(recipient: string, status: string): string;
  emailRefused(template: string, recipient: string): string;
  emailKey(key: string): string;
  attemptRefused(actor: string, attempt: string, code: string): string;
  attemptRefusedPlain(actor: string, attempt: string): string;
  tokenReplaced: string;
  tokenRevoked: string;
  other(action: string): string;
}

const PHRASES: Phrasebook<Phrases> = {
  zh: {
    compensation: (label, action) => `撤销补偿生效：${label}（${action}）`,
    compensationDone: (label) => `撤销补偿生效：${label}`,
    decision: (t) => `${t.actor} 提交决定（${t.kind}，任务 ${t.taskId}）：${t.decision}${t.score}${t.note ? `，内部备注：${t.note}` : ''}`,
    decisionRefused: (t) => `拒绝 ${t.actor} 的操作（${t.kind}，任务 ${t.taskId}）：${t.code}`,
    refusedAt: (actor, kind) => `${actor} 在${kind}中的操作被拒绝`,
    submitted: (actor, unit, channel) => `${actor} 提交申报（推荐单位：${unit}，渠道：${channel}）`,
    sealedFormDigest: (sha256) => `盖章报名表 SHA-256：${sha256}`,
    withdrawn: (actor) => `${actor} 撤回申报`,
    resubmitted: (actor) => `${actor} 重新提交盖章报名表`,
    downloaded: (actor) => `${actor} 下载盖章报名表`,
    objectionLodged: (objectionId) => `收到公示异议（${objectionId}）`,
    objectionReceived: '收到公示异议',
    fraudReported: (actor, reportId, taskId) => `${actor} 举报（${reportId}），开启调查任务 ${taskId}`,
    reportsFraud: (actor) => `${actor} 举报弄虚作假`,
    eligibilityReview: (reviewId, honoureeId, taskId) => `开启参评资格复核 ${reviewId}（往届表彰 ${honoureeId}），任务 ${taskId}`,
    emailSent: (template, recipient) => `邮件已发出：${template} → ${recipient}`,
    statusEmailSent: (recipient, status) => `状态通知邮件已发给 ${recipient}：案件进入「${status}」`,
    emailRefused: (template, recipient) => `邮件被邮件服务器拒收：${template} → ${recipient}`,
    emailKey: (key) => `发件箱键 ${key}`,
    attemptRefused: (actor, attempt, code) => `拒绝 ${actor} 的${attempt}：${code}`,
    attemptRefusedPlain: (actor, attempt) => `${actor} 的${attempt}被拒绝`,
    tokenReplaced: '申请人访问凭证已更换',
    tokenRevoked: '申请人访问凭证已作废',
    other: (action) => `审计记录：${action}`,
  },
  en: {
    compensation: (label, action) => `compensation took effect: ${label} (${action})`,
    compensationDone: (label) => `compensation took effect: ${label}`,
    decision: (t) => `${t.actor} submitted a decision (${t.kind}, task ${t.taskId}): ${t.decision}${t.score}${t.note ? `; internal note: ${t.note}` : ''}`,
    decisionRefused: (t) => `refused ${t.actor}'s attempt (${t.kind}, task ${t.taskId}): ${t.code}`,
    refusedAt: (actor, kind) => `${actor}'s attempt at the ${kind.toLowerCase()} was refused`,
    submitted: (actor, unit, channel) => `${actor} submitted the nomination (unit: ${unit}, channel: ${channel})`,
    sealedFormDigest: (sha256) => `sealed form SHA-256: ${sha256}`,
    withdrawn: (actor) => `${actor} withdrew the nomination`,
    resubmitted: (actor) => `${actor} resubmitted the sealed form`,
    downloaded: (actor) => `${actor} downloaded the sealed form`,
    objectionLodged: (objectionId) => `objection lodged (${objectionId})`,
    objectionReceived: 'an objection was lodged',
    fraudReported: (actor, reportId, taskId) => `${actor} reported fraud (${reportId}), task ${taskId} opened`,
    reportsFraud: (actor) => `${actor} reported fraud`,
    eligibilityReview: (reviewId, honoureeId, taskId) => `eligibility review ${reviewId} opened (earlier honouree ${honoureeId}), task ${taskId}`,
    emailSent: (template, recipient) => `email sent: ${template} → ${recipient}`,
    statusEmailSent: (recipient, status) => `status email sent to ${recipient}: the case is now ${status}`,
    emailRefused: (template, recipient) => `email refused by the mail server: ${template} → ${recipient}`,
    emailKey: (key) => `outbox key ${key}`,
    attemptRefused: (actor, attempt, code) => `refused ${actor}'s ${attempt}: ${code}`,
    attemptRefusedPlain: (actor, attempt) => `${actor}'s ${attempt} was refused`,
    tokenReplaced: "the applicant's access token was replaced",
    tokenRevoked: "the applicant's access token was revoked",
    other: (action) => `audit entry: ${action}`,
  },
};

/** One entry as a narrator reads it: its details as text, and the words to tell it in. */
interface Entry {
  action: string;
  actor: string;
  actorId: string | null;
  details: Record<string, unknown>;
  /** A detail as text; empty when absent. */
  text(key: string): string;
  language: Language;
  phrases: Phrases;
}

type EntryNarrator = (e: Entry) => Omit<Told, 'actor'>;

const orNothing = (text: string) => text || undefined;
const withDigest = (e: Entry, said: string, sha256: string) => (sha256 ? `${said}${listSeparator(e.language)}${e.phrases.sealedFormDigest(sha256)}` : said);
const taskRef = (e: Entry): TaskRef => ({ actor: e.actor, kind: kindText(e.text('kind'), e.language), taskId: e.text('taskId') });
/** Plain words and machine terms alike. */
const same = (said: string) => ({ what: said, machine: said });

function refusedAttempt(e: Entry): Omit<Told, 'actor'> {
  const attempt = say(REFUSED_ATTEMPTS[e.action], e.language);
  return {
    what: e.phrases.attemptRefusedPlain(e.actor, attempt),
    machine: e.phrases.attemptRefused(e.actor, attempt, e.text('code')),
    why: describeError(e.text('code'), e.language) ?? e.text('code'),
    kind: 'access',
  };
}

/**
 * An email the workflow delivered, told with its recipient: the status email of step n is keyed
 * `<case>:<n>:status:<status>:<recipient>`, which names the step whose delivery it repeats.
 */
function email(e: Entry, failed: boolean): Omit<Told, 'actor'> {
  const template = e.text('template');
  const recipient = e.text('recipient');
  const key = e.text('key');
  const occasion = key.split(':')[1] ?? '';
  const status = template.startsWith('status:') ? template.slice('status:'.length) : undefined;
  const machine = `${failed ? e.phrases.emailRefused(template, recipient) : e.phrases.emailSent(template, recipient)}${key ? `${listSeparator(e.language)}${e.phrases.emailKey(key)}` : ''}`;
  return {
    what: failed ? e.phrases.emailRefused(template, recipient) : status ? e.phrases.statusEmailSent(recipient, statusWords(status, e.language)) : e.phrases.emailSent(template, recipient),
    machine,
    why: failed ? orNothing(e.text('error')) : undefined,
    kind: 'email',
    ...(/^\d+$/.test(occasion) && { repeats: [`email-step:${occasion}`], tellsBetter: true }),
  };
}

const NARRATORS: Record<string, EntryNarrator> = {
  decision: (e) => {
    const kind = e.text('kind');
    const decision = e.text('decision');
    const score = e.details.score === undefined ? undefined : e.text('score');
    const awards = e.details.awardsVerified;
    return {
      what: decisionSentence({ kind, name: e.actor, decision, score, awardsVerified: typeof awards === 'boolean' ? awards : undefined }, e.language),
      machine: e.phrases.decision({ ...taskRef(e), decision: decisionText(decision, e.language), score: score === undefined ? '' : scoreSuffix(score, e.language), note: orNothing(e.text('note')) }),
      why: orNothing(e.text('comment')),
      note: orNothing(e.text('note')),
      kind: 'decision',
      decision,
      repeats: [`decision:${e.text('taskId')}:${e.actorId}`],
    };
  },
  'decision-refused': (e) => ({
    what: e.phrases.refusedAt(e.actor, kindText(e.text('kind'), e.language)),
    machine: e.phrases.decisionRefused({ ...taskRef(e), code: e.text('code') }),
    why: describeError(e.text('code'), e.language) ?? e.text('code'),
    kind: 'access',
  }),
  'nomination-submitted': (e) => ({
    what: e.phrases.submitted(e.actor, e.text('recommendingUnit'), channelWords(e.text('channel'), e.language)),
    machine: withDigest(e, e.phrases.submitted(e.actor, e.text('recommendingUnit'), e.text('channel')), e.text('sealedFormSha256')),
    kind: 'submission',
    keys: ['submission'],
  }),
  'nomination-withdrawn': (e) => ({ ...same(e.phrases.withdrawn(e.actor)), why: orNothing(e.text('reason')), kind: 'submission', repeats: ['withdraw'], stage: 'withdrawn' }),
  'sealed-form-resubmitted': (e) => ({
    what: e.phrases.resubmitted(e.actor),
    machine: withDigest(e, `${e.phrases.resubmitted(e.actor)}${e.text('sealedFormId') ? ` (${e.text('sealedFormId')})` : ''}`, e.text('sha256')),
    kind: 'submission',
    repeats: [`resubmit:${e.text('sealedFormId')}`],
  }),
  'sealed-form-downloaded': (e) => ({ what: e.phrases.downloaded(e.actor), machine: withDigest(e, e.phrases.downloaded(e.actor), e.text('sha256')), kind: 'access' }),
  'objection-lodged': (e) => ({
    what: e.phrases.objectionReceived,
    machine: e.phrases.objectionLodged(e.text('objectionId')),
    kind: 'objection',
    repeats: [`objection:${e.text('objectionId')}`],
  }),
  'fraud-reported': (e) => ({
    what: e.phrases.reportsFraud(e.actor),
    machine: e.phrases.fraudReported(e.actor, e.text('reportId'), e.text('taskId')),
    kind: 'report',
    repeats: [`fraud-report:${e.text('reportId')}`],
  }),
  // The import that found an earlier honouree: it names who imported, which the workflow's Update does not.
  'eligibility-review-opened': (e) => ({
    what: noteText('eligibility-review-opened', e.language)!,
    machine: e.phrases.eligibilityReview(e.text('reviewId'), e.text('honoureeId'), e.text('taskId')),
    kind: 'report',
    repeats: [`eligibility:${e.text('reviewId')}`],
    tellsBetter: true,
  }),
  'email-sent': (e) => email(e, false),
  'email-failed': (e) => email(e, true),
  ...Object.fromEntries(Object.keys(REFUSED_ATTEMPTS).map((action) => [action, refusedAttempt])),
  'access-token-replaced': (e) => ({ ...same(e.phrases.tokenReplaced), kind: 'access' }),
  'access-token-revoked': (e) => ({ ...same(e.phrases.tokenRevoked), kind: 'access' }),
};

/** A compensation records the step it undid in its action, e.g. `compensation:revoke-winner`. */
function compensation(e: Entry): Omit<Told, 'actor'> {
  const action = e.action.slice(COMPENSATION_PREFIX.length);
  const label = compensationText(action, e.language);
  // What the compensation did beyond its reason (a promotion, emails queued), as it was written.
  const { reason: _reason, ...result } = e.details;
  const more = Object.keys(result).length ? `${listSeparator(e.language)}${JSON.stringify(result)}` : '';
  return {
    what: e.phrases.compensationDone(label),
    machine: `${e.phrases.compensation(label, action)}${more}`,
    why: noteText(e.text('reason'), e.language),
    kind: 'correction',
    repeats: [`compensation:${action}`],
  };
}

/** An action this history does not know yet is still shown, with its details as they were written. */
function unknownEntry(e: Entry): Omit<Told, 'actor'> {
  return { ...same(e.phrases.other(e.action)), why: Object.keys(e.details).length ? JSON.stringify(e.details) : undefined, kind: 'system' };
}

function parsedDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    if (parsed !== null && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: shown as written.
  }
  return { details };
}

function narrateEntry(row: AuditRow, actor: string, language: Language, tongue: Tongue): Omit<Told, 'actor'> {
  const details = parsedDetails(row.details);
  const text = (key: string) => (details[key] === undefined || details[key] === null ? '' : String(details[key]));
  const entry: Entry = { action: row.action, actor, actorId: row.actorId, details, text, language, phrases: PHRASES[tongue] };
  if (row.action.startsWith(COMPENSATION_PREFIX)) return compensation(entry);
  const narrator = Object.hasOwn(NARRATORS, row.action) ? NARRATORS[row.action] : unknownEntry;
  return narrator(entry);
}

export function narrateAuditEntries(rows: AuditRow[], nameOf: NameOf, language: Language): Narrated[] {
  const tongue = tongueOf(language);
  return rows.map((row) => {
    const actor = nameOf(row.actorId);
    return { at: row.at.toISOString(), source: 'audit', actor, ...narrateEntry(row, actor, language, tongue), eventType: row.action, eventId: row.id };
  });
}
