import { z } from 'zod';
import type { UseCaseDeps } from '../../use-cases/deps';
import { caseHistory, historyCsv, replayCase } from '../../use-cases/case-histories';
import { operation } from '../operation';

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

/** A case's history and its replay, for auditors and the secretariat. */
export function caseHistoryOperations(deps: UseCaseDeps) {
  return [
    operation({
      method: 'get',
      path: '/api/cases/{caseId}/history',
      summary: "The case's history in time order — workflow events (decrypted), audit entries, timeline — as who, what, why (auditor, secretariat); Chinese unless Accept-Language asks for English; CSV with ?format=csv or Accept: text/csv",
      query: caseHistoryQuery,
      ok: 200,
      response: caseHistoryView,
      binary: ['text/csv'],
      errors: [400, 401, 404],
      async handle({ principal, params, query, language, req, res }) {
        const { kase, stored, items } = await caseHistory(deps, principal, params.caseId, language);
        const csv = query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
        if (csv) {
          res.type('text/csv; charset=utf-8').attachment(`case-${kase.id}-history.csv`).send(historyCsv(items, language));
          return;
        }
        return { caseId: kase.id, workflowId: kase.workflowId, ...(stored?.runId && { runId: stored.runId }), source: stored?.source ?? null, items };
      },
    }),
    operation({
      method: 'post',
      path: '/api/cases/{caseId}/replay',
      summary: "Replay the case's recorded history (from the Temporal server, or Laurel's archive) against the current workflow code: deterministic or not, the status reached, and every disagreement with the history and the database (auditor, secretariat)",
      ok: 200,
      response: replayReportView,
      errors: [401, 404],
      handle: ({ principal, params }) => replayCase(deps, principal, params.caseId),
    }),
  ];
}
