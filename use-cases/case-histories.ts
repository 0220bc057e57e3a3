import { decodeHistory } from '../audit/history-events';
import { loadCaseHistory } from '../audit/history-store';
import { ofKinds } from '../audit/narration/case-file';
import type { HistoryKind } from '../audit/narration/history-item';
import { describeCaseHistory } from '../audit/narration/merge';
import { mentionedUserIds } from '../audit/narration/people';
import { caseRecord, replayStoredHistory } from '../audit/replay-case';
import { temporalHistories } from '../audit/temporal-histories';
import { auditEntries } from '../db/audit-log';
import { findCase } from '../db/cases';
import { usernames } from '../db/users';
import type { Principal } from '../domain/access';
import { hasRole } from '../domain/access';
import type { Language } from '../domain/channels';
import { AppError, notFound, unauthorized } from '../domain/errors';
import type { UseCaseDeps } from './deps';

export { historyCsv } from '../audit/narration/export';
export { HISTORY_KINDS, STAGES } from '../audit/narration/history-item';
export type { HistoryKind } from '../audit/narration/history-item';

/** Auditors and the secretariat read every case's history; to anyone else signed in it does not exist. */
async function auditedCase({ db }: UseCaseDeps, principal: Principal | undefined, caseId: string) {
  if (!principal) throw unauthorized();
  if (principal.kind !== 'user' || !hasRole(principal.user, 'auditor', 'secretariat')) throw notFound();
  const kase = await findCase(db, caseId);
  if (!kase) throw notFound();
  return kase;
}

/**
 * The case's story as a case file, for a person: its workflow's events (decrypted), the audit log
 * and the timeline, folded into rows in stages. With `kinds`, only the rows of those kinds; the
 * stages and the count of each kind always sum up the whole file.
 */
export async function caseHistory(deps: UseCaseDeps, principal: Principal | undefined, caseId: string, language: Language, kinds?: readonly HistoryKind[]) {
  const { db, temporal } = deps;
  const kase = await auditedCase(deps, principal, caseId);
  const stored = await loadCaseHistory(db, temporalHistories(temporal), kase);
  const events = stored ? await decodeHistory(stored.history, temporal.options.loadedDataConverter) : [];
  const audit = await auditEntries(db, { caseId: kase.id, limit: 100_000 });
  const names = await usernames(db, mentionedUserIds(events, audit, kase.timeline));
  const file = describeCaseHistory({ events, audit, timeline: kase.timeline, usernames: names, language });
  return { kase, stored, file: { ...file, items: ofKinds(file.items, kinds) } };
}

/** Replays the case's recorded history against the current workflow code and compares it with the database. */
export async function replayCase(deps: UseCaseDeps, principal: Principal | undefined, caseId: string) {
  const { db, temporal } = deps;
  const kase = await auditedCase(deps, principal, caseId);
  const stored = await loadCaseHistory(db, temporalHistories(temporal), kase);
  if (!stored) throw new AppError(404, 'history-unavailable');
  const report = await replayStoredHistory(stored, {
    dataConverter: temporal.options.dataConverter,
    decoder: temporal.options.loadedDataConverter,
    record: await caseRecord(db, kase.id),
  });
  return { caseId: kase.id, ...report };
}
