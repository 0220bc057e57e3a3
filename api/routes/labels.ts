import { Router } from 'express';
import { canReportFraud, canWithdraw, CASE_STATUSES } from '../../domain/statuses';
import { TASK_KINDS, TASK_KIND_NAMES } from '../../domain/tasks';
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  COMPENSATION_LABELS,
  DECISION_LABELS,
  FIELD_LABELS,
  NOTE_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
  TASK_KIND_LABELS,
} from '../../domain/vocabulary';

/** The vocabulary with its Chinese and English names, so the pages name things as the domain does. */
export function labelRoutes(): Router {
  const router = Router();
  const labels = {
    fields: FIELD_LABELS,
    statuses: STATUS_LABELS,
    taskKinds: Object.fromEntries(TASK_KIND_NAMES.map((kind) => [kind, { ...TASK_KIND_LABELS[kind], ...TASK_KINDS[kind] }])),
    decisions: DECISION_LABELS,
    channels: CHANNEL_LABELS,
    categories: CATEGORY_LABELS,
    roles: ROLE_LABELS,
    notes: NOTE_LABELS,
    compensations: COMPENSATION_LABELS,
    /** The rules the pages need, so none copies them: which statuses still allow what. */
    statusRules: Object.fromEntries(CASE_STATUSES.map((s) => [s, { withdraw: canWithdraw(s), reportFraud: canReportFraud(s) }])),
  };
  router.get('/api/labels', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(labels);
  });
  return router;
}
