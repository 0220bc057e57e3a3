import { Router } from 'express';
import { CATEGORY_LABELS, CHANNEL_LABELS } from '../../domain/channels';
import { FIELDS } from '../../domain/fields';
import { STATUS_LABELS } from '../../domain/statuses';
import { DECISION_LABELS, TASK_KINDS, TASK_KIND_LABELS } from '../../domain/tasks';

/** The vocabularies with their Chinese and English names, so the pages name things as the domain does. */
export function labelRoutes(): Router {
  const router = Router();
  const labels = {
    fields: FIELDS,
    statuses: STATUS_LABELS,
    taskKinds: Object.fromEntries(Object.entries(TASK_KIND_LABELS).map(([kind, l]) => [kind, { ...l, ...TASK_KINDS[kind as keyof typeof TASK_KINDS] }])),
    decisions: DECISION_LABELS,
    channels: CHANNEL_LABELS,
    categories: CATEGORY_LABELS,
  };
  router.get('/api/labels', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(labels);
  });
  return router;
}
