import { z } from 'zod';
import { completeTaskBody, inboxQuery } from '../../domain/schemas';
import { CASE_STATUSES } from '../../domain/statuses';
import type { UseCaseDeps } from '../../use-cases/deps';
import { claim, complete, inbox, release } from '../../use-cases/tasks';
import { operation } from '../operation';
import { taskSchema, taskView } from '../views';

export function taskOperations(deps: UseCaseDeps) {
  return [
    operation({
      method: 'get',
      path: '/api/inbox',
      summary: 'Open tasks the caller may act on, soonest due first',
      query: inboxQuery,
      ok: 200,
      response: z.object({ tasks: z.array(taskSchema.extend({ phone: z.string().nullable().meta({ description: 'masked' }) })) }),
      errors: [400, 401],
      async handle({ user, query }) {
        const { tasks, claimers } = await inbox(deps, user, query);
        return { tasks: tasks.map((t) => ({ ...taskView(t, claimers), phone: t.maskedPhone || null })) };
      },
    }),
    operation({
      method: 'post',
      path: '/api/tasks/{id}/claim',
      summary: 'Claim a task',
      ok: 200,
      errors: [401, 403, 404, 409],
      async handle({ user, params }) {
        return { task: taskView(await claim(deps, user, params.id)) };
      },
    }),
    operation({
      method: 'post',
      path: '/api/tasks/{id}/release',
      summary: 'Release a claimed task',
      ok: 200,
      errors: [401, 403, 404, 409],
      async handle({ user, params }) {
        return { task: taskView(await release(deps, user, params.id)) };
      },
    }),
    operation({
      method: 'post',
      path: '/api/tasks/{id}/complete',
      summary: 'Decide a task. With an Idempotency-Key a retry is answered the first answer and never decides twice',
      idempotent: true,
      body: completeTaskBody,
      ok: 200,
      response: z.object({ task: taskSchema, caseStatus: z.enum(CASE_STATUSES) }),
      errors: [400, 401, 403, 404, 409, 422, 503],
      async handle({ user, params, body, requestId }) {
        const { task, caseStatus } = await complete(deps, user, params.id, body, requestId);
        return { task: taskView(task), caseStatus };
      },
    }),
  ];
}
