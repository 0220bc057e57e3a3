import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { caseWithAccessFacts } from '../cases';
import { describeCaseHistory, historyCsv, mentionedUserIds } from '../../audit/case-history';
import { AppError, notFound, unauthorized } from '../../domain/errors';
import { decodeHistory } from '../../audit/history-events';
import { loadCaseHistory } from '../../audit/history-store';
import { pickLanguage } from '../http/error-messages';
import { hasRole } from '../http/authenticate';
import { caseRecord, replayStoredHistory } from '../../audit/replay-case';
import { parse } from '../http/validate';

export const caseHistoryQuery = z.strictObject({
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: a spreadsheet (UTF-8 with BOM); also chosen by Accept: text/csv' }),
});

const historyItem = z
  .object({
    at: z.string(), source: z.enum(['workflow', 'audit', 'timeline']), actor: z.string(), what: z.string(), why: z.string().optional(),
    eventType: z.string(), eventId: z.int(),
  })
  .meta({ id: 'CaseHistoryItem' });

export const caseHistoryView = z.object({
  caseId: z.string(), workflowId: z.string(), runId: z.string().optional(),
  source: z.enum(['server', 'archive']).nullable().meta({ description: 'where the workflow history came from; null when neither holds it' }),
  items: z.array(historyItem),
});

const disagreement = z.object({ against: z.enum(['database', 'history']), subject: z.string(), replayed: z.unknown(), recorded: z.unknown() });

export const replayReportView = z.object({
  caseId: z.string(), workflowId: z.string(), runId: z.string().optional(), source: z.enum(['server', 'archive']),
  deterministic: z.boolean(), failure: z.object({ kind: z.string(), message: z.string() }).optional(), events: z.int(),
  status: z.string().nullable(), agreesWithHistory: z.boolean(), agreesWithDatabase: z.boolean(), disagreements: z.array(disagreement), replayMs: z.number(),
});

/** Auditors and the secretariat read every case's history; to anyone else signed in it does not exist. */
async function auditedCase(db: Db, req: Request) {
  const p = req.principal;
  if (!p) throw unauthorized();
  if (p.kind !== 'user' || !hasRole(p.user, 'auditor', 'secretariat')) throw notFound();
  const found = await caseWithAccessFacts(db, String(req.params.caseId));
  if (!found) throw notFound();
  return found.kase;
}

function historyUnavailable() {
  return new AppError(404, 'history-unavailable');
}

export function caseHistoryRoutes({ db, temporal }: { db: Db; temporal: Client }): Router {
  const router = Router();

  router.get('/api/cases/:caseId/history', async (req, res) => {
    const { format } = parse(caseHistoryQuery, req.query, 'query');
    const kase = await auditedCase(db, req);
    const language = pickLanguage(req.headers['accept-language']);
    const stored = await loadCaseHistory(db, temporal, kase);
    const events = stored ? await decodeHistory(stored.history, temporal.options.loadedDataConverter) : [];
    const audit = await db.auditEntry.findMany({ where: { caseId: kase.id }, orderBy: { id: 'asc' } });
    const ids = mentionedUserIds(events, audit, kase.timeline);
    const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, username: true } }) : [];
    const items = describeCaseHistory({ events, audit, timeline: kase.timeline, usernames: new Map(users.map((u) => [u.id, u.username])), language });
    const csv = format === 'csv' || (format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
    if (csv) {
      res.type('text/csv; charset=utf-8').attachment(`case-${kase.id}-history.csv`).send(historyCsv(items, language));
      return;
    }
    res.json({ caseId: kase.id, workflowId: kase.workflowId, ...(stored?.runId && { runId: stored.runId }), source: stored?.source ?? null, items });
  });

  router.post('/api/cases/:caseId/replay', async (req, res) => {
    const kase = await auditedCase(db, req);
    const stored = await loadCaseHistory(db, temporal, kase);
    if (!stored) throw historyUnavailable();
    const report = await replayStoredHistory(stored, {
      dataConverter: temporal.options.dataConverter,
      decoder: temporal.options.loadedDataConverter,
      record: await caseRecord(db, kase.id),
    });
    res.json({ caseId: kase.id, ...report });
  });

  return router;
}
