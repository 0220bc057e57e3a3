import { z } from 'zod';
import type { UseCaseDeps } from '../../use-cases/deps';
import { caughtMail, health } from '../../use-cases/operations';
import type { Operation } from '../operation';
import { operation } from '../operation';
import { openApiDocument } from '../openapi';
import { vocabulary, vocabularySchema } from './labels';

/** Health, the contract, the vocabulary, and (outside production) the caught mail. */
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
            summary: 'Development only: every email the local mail catcher received, newest first',
            auth: 'none',
            ok: 200,
            response: z.object({ messages: z.array(z.object({ to: z.array(z.string()), subject: z.string(), text: z.string(), date: z.string() })) }),
            handle: async () => ({ messages: await caughtMail(deps) }),
          }),
        ]),
  ];
}
