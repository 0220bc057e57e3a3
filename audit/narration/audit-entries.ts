import { describeError } from '../../domain/error-messages';
import type { Language } from '../../domain/channels';
import type { Label } from '../../domain/vocabulary';
import { say } from '../../domain/vocabulary';
import type { AuditRow, HistoryItem, Told } from './history-item';
import type { NameOf } from './people';
import type { Phrasebook, Tongue } from './words';
import { compensationText, decisionText, kindText, noteText, scoreSuffix, tongueOf } from './words';

// The audit log's entries, told for people: what was done through the API and by the mailer,
// including the attempts the workflow refused (a refused Update leaves nothing in its history).

const COMPENSATION_PREFIX = 'compensation:';

/** The attempts the API records as refused, by their audit action. */
const REFUSED_ATTEMPTS: Record<string, Label> = {
  'withdrawal-refused': { zh: '撤回申请', en: 'withdrawal' },
  'sealed-form-resubmission-refused': { zh: '重新提交报名表', en: 'resubmission of the sealed form' },
  'fraud-report-refused': { zh: '举报', en: 'fraud report' },
  'objection-refused': { zh: '公示异议', en: 'objection' },
};

interface TaskRef {
  actor: string;
  kind: string;
  taskId: string;
}

interface Phrases {
  compensation(label: string, action: string): string;
  decision(t: TaskRef & { decision: string; score: string }): string;
  decisionRefused(t: TaskRef & { code: string }): string;
  submitted(actor: string, unit: string, channel: string): string;
  sealedFormDigest(sha256: string): string;
  withdrawn(actor: string): string;
  resubmitted(actor: string): string;
  downloaded(actor: string): string;
  objectionLodged(objectionId: string): string;
  fraudReported(actor: string, reportId: string, taskId: string): string;
  emailSent(template: string, recipient: string): string;
  emailRefused(template: string, recipient: string): string;
  attemptRefused(actor: string, attempt: string, code: string): string;
  tokenReplaced: string;
  tokenRevoked: string;
  other(action: string): string;
}

const PHRASES: Phrasebook<Phrases> = {
  zh: {
    compensation: (label, action) => `撤销补偿生效：${label}（${action}）`,
    decision: (t) => `${t.actor} 提交决定（${t.kind}，任务 ${t.taskId}）：${t.decision}${t.score}`,
    decisionRefused: (t) => `拒绝 ${t.actor} 的操作（${t.kind}，任务 ${t.taskId}）：${t.code}`,
    submitted: (actor, unit, channel) => `${actor} 提交申报（推荐单位：${unit}，渠道：${channel}）`,
    sealedFormDigest: (sha256) => `盖章报名表 SHA-256：${sha256}`,
    withdrawn: (actor) => `${actor} 撤回申报`,
    resubmitted: (actor) => `${actor} 重新提交盖章报名表`,
    downloaded: (actor) => `${actor} 下载盖章报名表`,
    objectionLodged: (objectionId) => `收到公示异议（${objectionId}）`,
    fraudReported: (actor, reportId, taskId) => `${actor} 举报（${reportId}），开启调查任务 ${taskId}`,
    emailSent: (template, recipient) => `邮件已发出：${template} → ${recipient}`,
    emailRefused: (template, recipient) => `邮件被邮件服务器拒收：${template} → ${recipient}`,
    attemptRefused: (actor, attempt, code) => `拒绝 ${actor} 的${attempt}：${code}`,
    tokenReplaced: '申请人访问凭证已更换',
    tokenRevoked: '申请人访问凭证已作废',
    other: (action) => `审计记录：${action}`,
  },
  en: {
    compensation: (label, action) => `compensation took effect: ${label} (${action})`,
    decision: (t) => `${t.actor} submitted a decision (${t.kind}, task ${t.taskId}): ${t.decision}${t.score}`,
    decisionRefused: (t) => `refused ${t.actor}'s attempt (${t.kind}, task ${t.taskId}): ${t.code}`,
    submitted: (actor, unit, channel) => `${actor} submitted the nomination (unit: ${unit}, channel: ${channel})`,
    sealedFormDigest: (sha256) => `sealed form SHA-256: ${sha256}`,
    withdrawn: (actor) => `${actor} withdrew the nomination`,
    resubmitted: (actor) => `${actor} resubmitted the sealed form`,
    downloaded: (actor) => `${actor} downloaded the sealed form`,
    objectionLodged: (objectionId) => `objection lodged (${objectionId})`,
    fraudReported: (actor, reportId, taskId) => `${actor} reported fraud (${reportId}), task ${taskId} opened`,
    emailSent: (template, recipient) => `email sent: ${template} → ${recipient}`,
    emailRefused: (template, recipient) => `email refused by the mail server: ${template} → ${recipient}`,
    attemptRefused: (actor, attempt, code) => `refused ${actor}'s ${attempt}: ${code}`,
    tokenReplaced: "the applicant's access token was replaced",
    tokenRevoked: "the applicant's access token was revoked",
    other: (action) => `audit entry: ${action}`,
  },
};

/** One entry as a narrator reads it: its details as text, and the words to tell it in. */
interface Entry {
  action: string;
  actor: string;
  details: Record<string, unknown>;
  /** A detail as text; empty when absent. */
  text(key: string): string;
  language: Language;
  phrases: Phrases;
}

type EntryNarrator = (e: Entry) => Omit<Told, 'actor'>;

const digest = (sha256: string) => (sha256 ? `SHA-256: ${sha256}` : undefined);
const orNothing = (text: string) => text || undefined;
const taskRef = (e: Entry): TaskRef => ({ actor: e.actor, kind: kindText(e.text('kind'), e.language), taskId: e.text('taskId') });

function refusedAttempt(e: Entry) {
  const attempt = say(REFUSED_ATTEMPTS[e.action], e.language);
  return { what: e.phrases.attemptRefused(e.actor, attempt, e.text('code')), why: describeError(e.text('code'), e.language) };
}

const NARRATORS: Record<string, EntryNarrator> = {
  decision: (e) => ({
    what: e.phrases.decision({ ...taskRef(e), decision: decisionText(e.text('decision'), e.language), score: e.details.score === undefined ? '' : scoreSuffix(e.text('score'), e.language) }),
    why: orNothing(e.text('comment')),
  }),
  'decision-refused': (e) => ({ what: e.phrases.decisionRefused({ ...taskRef(e), code: e.text('code') }), why: describeError(e.text('code'), e.language) }),
  'nomination-submitted': (e) => ({
    what: e.phrases.submitted(e.actor, e.text('recommendingUnit'), e.text('channel')),
    why: e.text('sealedFormSha256') ? e.phrases.sealedFormDigest(e.text('sealedFormSha256')) : undefined,
  }),
  'nomination-withdrawn': (e) => ({ what: e.phrases.withdrawn(e.actor), why: orNothing(e.text('reason')) }),
  'sealed-form-resubmitted': (e) => ({ what: e.phrases.resubmitted(e.actor), why: digest(e.text('sha256')) }),
  'sealed-form-downloaded': (e) => ({ what: e.phrases.downloaded(e.actor), why: digest(e.text('sha256')) }),
  'objection-lodged': (e) => ({ what: e.phrases.objectionLodged(e.text('objectionId')) }),
  'fraud-reported': (e) => ({ what: e.phrases.fraudReported(e.actor, e.text('reportId'), e.text('taskId')) }),
  'email-sent': (e) => ({ what: e.phrases.emailSent(e.text('template'), e.text('recipient')), why: orNothing(e.text('key')) }),
  'email-failed': (e) => ({ what: e.phrases.emailRefused(e.text('template'), e.text('recipient')), why: orNothing(e.text('error')) }),
  ...Object.fromEntries(Object.keys(REFUSED_ATTEMPTS).map((action) => [action, refusedAttempt])),
  'access-token-replaced': (e) => ({ what: e.phrases.tokenReplaced }),
  'access-token-revoked': (e) => ({ what: e.phrases.tokenRevoked }),
};

/** A compensation records the step it undid in its action, e.g. `compensation:revoke-winner`. */
function compensation(e: Entry): Omit<Told, 'actor'> {
  const action = e.action.slice(COMPENSATION_PREFIX.length);
  return { what: e.phrases.compensation(compensationText(action, e.language), action), why: noteText(e.text('reason'), e.language) };
}

/** An action this history does not know yet is still shown, with its details as they were written. */
function unknownEntry(e: Entry): Omit<Told, 'actor'> {
  return { what: e.phrases.other(e.action), why: Object.keys(e.details).length ? JSON.stringify(e.details) : undefined };
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
  const entry: Entry = { action: row.action, actor, details, text, language, phrases: PHRASES[tongue] };
  if (row.action.startsWith(COMPENSATION_PREFIX)) return compensation(entry);
  const narrator = Object.hasOwn(NARRATORS, row.action) ? NARRATORS[row.action] : unknownEntry;
  return narrator(entry);
}

export function narrateAuditEntries(rows: AuditRow[], nameOf: NameOf, language: Language): HistoryItem[] {
  const tongue = tongueOf(language);
  return rows.map((row) => {
    const actor = nameOf(row.actorId);
    const { what, why } = narrateEntry(row, actor, language, tongue);
    return { at: row.at.toISOString(), source: 'audit', actor, what, why, eventType: row.action, eventId: row.id };
  });
}
