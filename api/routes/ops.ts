import { z } from 'zod';
import type { UseCaseDeps } from '../../use-cases/deps';
import { caughtMail, health } from '../../use-cases/operations';
import { outboxSummary } from '../../use-cases/outbox';
import type { Operation } from '../operation';
import { operation } from '../operation';
import { openApiDocument } from '../openapi';
import { vocabulary, vocabularySchema } from './labels';

const outboxBacklogSchema = z
  .object({
    queued: z.int().meta({ description: 'emails queued and not yet sent' }),
    failing: z.int().meta({ description: 'of those, the ones whose last try failed; they are retried' }),
    failed: z.int().meta({ description: 'emails the mail server refused for good (5xx): never retried' }),
    oldestQueuedAt: z.string().nullable().meta({ description: 'when the longest-waiting email was queued; null when nothing waits' }),
    lastError: z.string().nullable().meta({ description: 'the error of the most recently queued failing email, addresses and numbers redacted; null when none is failing' }),
  })
  .meta({ id: 'OutboxBacklog' });

/** Health, the outbox backlog, the contract, the vocabulary, and (outside production) the caught mail. */
export function opsOperations(deps: UseCaseDeps, table: readonly Operation[]): Operation[] {
  let document: unknown;
  return [
    operation({
      method: 'get',
      path: '/healthz',
      summary: 'Reachability of Temporal and the database',
      auth: 'none',
      ok: 200,
      errors: [503],
      async handle({ res }) {
        const { ok, ...parts } = await health(deps);
        res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', ...parts });
      },
    }),
    operation({
      method: 'get',
      path: '/api/outbox',
      summary:
        'The outbox backlog (secretariat, auditor): how many emails wait to be sent, how many of them are failing, how many were refused for good, when the oldest was queued, and the last error; no recipients or contents',
      roles: ['secretariat', 'auditor'],
      ok: 200,
      response: outboxBacklogSchema,
      errors: [401, 403],
      async handle() {
        const backlog = await outboxSummary(deps);
        return { ...backlog, oldestQueuedAt: backlog.oldestQueuedAt?.toISOString() ?? null };
      },
    }),
    operation({
      method: 'get',
      path: '/openapi.json',
      summary: 'This document',
      auth: 'none',
      ok: 200,
      handle: () => (document ??= openApiDocument(table)),
    }),
    operation({
      method: 'get',
      path: '/api/labels',
      summary: 'The vocabulary (fields, statuses, task kinds and their decisions, channels, categories, roles, notes, compensations) with Chinese and English names, and what each status still allows',
      auth: 'none',
      ok: 200,
      response: vocabularySchema,
      handle({ res }) {
        res.set('Cache-Control', 'public, max-age=300');
        return vocabulary;
      },
    }),
    ...(deps.config.production
      ? []
      : [
          operation({
            method: 'get',
            path: '/dev/mail',
            summary: 'Development only: every email the local mail catcher received, newest first (a browser asking for HTML gets the page that shows them)',
            auth: 'none',
            ok: 200,
            response: z.object({
              messages: z.array(z.object({ to: z.array(z.string()), from: z.string(), subject: z.string(), text: z.string(), date: z.string(), messageId: z.string() })),
            }),
            handle: async () => ({ messages: await caughtMail(deps) }),
          }),
        ]),
  ];
}
