import { z } from 'zod';
import type { UseCaseDeps } from '../../use-cases/deps';
import type { HistoryKind } from '../../use-cases/case-histories';
import { HISTORY_KINDS, STAGES, caseHistory, historyCsv, replayCase } from '../../use-cases/case-histories';
import { operation } from '../operation';

const KIND_LIST = new RegExp(`^(${HISTORY_KINDS.join('|')})(,(${HISTORY_KINDS.join('|')}))*$`);

export const caseHistoryQuery = z.strictObject({
  format: z.enum(['json', 'csv']).optional().meta({ description: 'csv: a spreadsheet (UTF-8 with BOM); also chosen by Accept: text/csv' }),
  kind: z
    .string()
    .regex(KIND_LIST, { error: `a comma-separated list of: ${HISTORY_KINDS.join(', ')}` })
    .optional()
    .meta({ description: `only the rows of these kinds, comma-separated (${HISTORY_KINDS.join(', ')}); the stages and the counts of kinds stay whole` }),
});

const historyDetail = z
  .object({
    at: z.string(), atLocal: z.string(), source: z.enum(['workflow', 'audit', 'timeline']), eventType: z.string(), eventId: z.int(), actor: z.string(),
    text: z.string().meta({ description: 'the record in machine terms: event, step, task, outbox, activity' }), why: z.string().optional(),
  })
  .meta({ id: 'CaseHistoryDetail' });

const historyItem = z
  .object({
    at: z.string().meta({ description: 'the ISO instant' }),
    atLocal: z.string().meta({ description: 'the same instant in Beijing time, as the page and the CSV show it: 2026-11-21 15:22（北京时间）' }),
    stage: z.enum(STAGES).meta({ description: 'the stage of the process the row belongs to, named by the status that opens it' }),
    kind: z.enum(HISTORY_KINDS),
    source: z.enum(['workflow', 'audit', 'timeline']), actor: z.string(),
    what: z.string().meta({ description: 'who did what, in plain words' }), why: z.string().optional(),
    note: z.string().optional().meta({ description: "a decision's internal note, for staff and auditors only" }),
    eventType: z.string(), eventId: z.int(),
    detail: z.array(historyDetail).meta({ description: 'every record the row stands for, its own first: the machine detail folded under it' }),
  })
  .meta({ id: 'CaseHistoryItem' });

const stageDecision = z.object({ at: z.string(), atLocal: z.string(), actor: z.string(), what: z.string(), why: z.string().optional(), note: z.string().optional(), decision: z.string().optional() });

const stageSummary = z
  .object({
    stage: z.enum(STAGES), label: z.string(), openedAt: z.string(), openedAtLocal: z.string(), closedAt: z.string().optional(), closedAtLocal: z.string().optional(),
    outcome: z.string().optional().meta({ description: 'the status the case left the stage for, or ended in' }), outcomeLabel: z.string().optional(),
    decidedBy: z.array(z.string()), decisions: z.array(stageDecision), items: z.int(),
  })
  .meta({ id: 'CaseHistoryStage' });

export const caseHistoryView = z.object({
  caseId: z.string(), workflowId: z.string(), runId: z.string().optional(),
  source: z.enum(['server', 'archive']).nullable().meta({ description: 'where the workflow history came from; null when neither holds it' }),
  items: z.array(historyItem),
  stages: z.array(stageSummary).meta({ description: 'the stages the case went through, in the order of the process' }),
  kinds: z.array(z.object({ kind: z.enum(HISTORY_KINDS), label: z.string(), count: z.int() })),
  records: z.int().meta({ description: 'how many records the history holds, those folded under a row included' }),
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
      summary:
        "The case's history as a case file (auditor, secretariat): workflow events (decrypted), audit entries and timeline folded into rows of who did what, when and why, in stages of the process, the machine records under each row; times also in Beijing time; ?kind= filters the rows; Chinese unless Accept-Language asks for English; CSV with ?format=csv or Accept: text/csv",
      query: caseHistoryQuery,
      ok: 200,
      response: caseHistoryView,
      binary: ['text/csv'],
      errors: [400, 401, 404],
      async handle({ principal, params, query, language, req, res }) {
        const kinds = query.kind?.split(',') as HistoryKind[] | undefined;
        const { kase, stored, file } = await caseHistory(deps, principal, params.caseId, language, kinds);
        const csv = query.format === 'csv' || (query.format === undefined && req.accepts(['application/json', 'text/csv']) === 'text/csv');
        if (csv) {
          res.type('text/csv; charset=utf-8').attachment(`case-${kase.id}-history.csv`).send(historyCsv(file.items, language));
          return;
        }
        return { caseId: kase.id, workflowId: kase.workflowId, ...(stored?.runId && { runId: stored.runId }), source: stored?.source ?? null, ...file };
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
