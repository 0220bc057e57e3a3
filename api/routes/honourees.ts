import express from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { UseCaseDeps } from '../../use-cases/deps';
import { findHonourees, importHonoureeCsv } from '../../use-cases/honourees';
import { operation } from '../operation';

const CSV_TYPES = ['text/csv', 'text/plain'];
const CSV_LIMIT = '2mb';

const honoureeQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
});

const importCountsSchema = z.object({
  imported: z.int(), updated: z.int(), unchanged: z.int(),
  eligibilityReviews: z
    .array(z.object({ caseId: z.string(), taskId: z.string().nullable().meta({ description: 'null while Temporal cannot be reached: the housekeeping opens the task later' }) }))
    .meta({ description: 'running cases whose nominee the sheet names: each is put to the secretariat as an eligibility-review task' }),
});

const honoureeSchema = z.object({ id: z.string(), year: z.int(), title: z.string(), category: z.enum(['individual', 'team']), name: z.string(), unit: z.string(), importedAt: z.string() });

function honoureeView(h: { id: string; year: number; title: string; category: string; name: string; unit: string; importedAt: Date }) {
  return { id: h.id, year: h.year, title: h.title, category: h.category, name: h.name, unit: h.unit, importedAt: h.importedAt.toISOString() };
}

const csvTypeError = () => new AppError(415, 'unsupported-csv-type', 'Send the file as CSV text: Content-Type text/csv, UTF-8.');

/**
 * The import's own CSV body parser, with its own 413 and 415 codes. It runs after the role check:
 * a caller without the role never uploads 2 MB for nothing.
 */
function csvBody(): RequestHandler {
  const text = express.text({ type: CSV_TYPES, limit: CSV_LIMIT });
  return (req, res, next) =>
    text(req, res, (err?: unknown) => {
      const type = (err as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return next(new AppError(413, 'csv-too-large', 'The CSV file is larger than 2 MB.'));
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') return next(csvTypeError());
      if (err) return next(err);
      if (!req.is(CSV_TYPES) || typeof req.body !== 'string') return next(csvTypeError());
      next();
    });
}

/** The registry of earlier honourees, who may not be nominated again (the notice's 特别说明; README: "The campaign's rules"). */
export function honoureeOperations(deps: UseCaseDeps) {
  return [
    operation({
      method: 'post',
      path: '/api/honourees/import',
      summary:
        'Import earlier honourees from CSV (secretariat): 年度/year, 荣誉/title, 类别/category, 姓名或团队名称/name, 单位/unit (the honouree’s own unit). Running cases whose nominee a row names open an eligibility-review task',
      roles: ['secretariat'],
      text: 'text/csv',
      before: [csvBody()],
      ok: 200,
      response: importCountsSchema,
      errors: [400, 401, 403, 413, 415],
      handle: ({ req, user }) => importHonoureeCsv(deps, req.body as string, user.id),
    }),
    operation({
      method: 'get',
      path: '/api/honourees',
      summary: 'Search the registry of earlier honourees (secretariat, auditor)',
      roles: ['secretariat', 'auditor'],
      query: honoureeQuery,
      ok: 200,
      response: z.object({ honourees: z.array(honoureeSchema), truncated: z.boolean() }),
      errors: [400, 401, 403],
      async handle({ query }) {
        const { honourees, truncated } = await findHonourees(deps, query.q);
        return { honourees: honourees.map(honoureeView), truncated };
      },
    }),
  ];
}
