import express, { Router } from 'express';
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { HonoureeRecord } from '../../db/honourees';
import { importHonourees, searchHonourees } from '../../db/honourees';
import { parseHonoureeCsv } from '../../domain/honouree-csv';
import { AppError } from '../../domain/errors';
import { requireRole } from '../http/authenticate';
import { parse } from '../http/validate';

export const HONOUREE_CSV_TYPES = ['text/csv', 'text/plain'];
export const HONOUREE_CSV_LIMIT = '2mb';
export const HONOUREE_SEARCH_LIMIT = 200;

export const honoureeQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
});

export const importCountsView = z.object({ imported: z.int(), updated: z.int(), unchanged: z.int() });

export function honoureeView(h: HonoureeRecord) {
  return { id: h.id, year: h.year, title: h.title, category: h.category, name: h.name, unit: h.unit, importedAt: h.importedAt.toISOString() };
}

/** Refuses before the body is read: a caller without the role never uploads 2 MB for nothing. */
/** The CSV body parser of the import route only, with this route's own 413 and 415 codes. */
function csvBody(): RequestHandler {
  const text = express.text({ type: HONOUREE_CSV_TYPES, limit: HONOUREE_CSV_LIMIT });
  return (req, res, next) =>
    text(req, res, (err?: unknown) => {
      const type = (err as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') return next(new AppError(413, 'csv-too-large', 'The CSV file is larger than 2 MB.'));
      if (type === 'charset.unsupported' || type === 'encoding.unsupported') return next(csvTypeError());
      next(err);
    });
}

const csvTypeError = () => new AppError(415, 'unsupported-csv-type', 'Send the file as CSV text: Content-Type text/csv, UTF-8.');

/** The registry of earlier honourees, who may not be nominated again (DOMAIN.md, eligibility). */
export function honoureeRoutes({ db }: { db: Db }): Router {
  const router = Router();

  router.post('/api/honourees/import', requireRole('secretariat'), csvBody(), async (req, res) => {
    if (!req.is(HONOUREE_CSV_TYPES) || typeof req.body !== 'string') throw csvTypeError();
    const { rows, errors } = parseHonoureeCsv(req.body);
    if (errors.length > 0) {
      throw new AppError(
        400,
        'invalid-csv',
        'The CSV file has errors; nothing was imported. See details.',
        errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
      );
    }
    res.json(await importHonourees(db, rows));
  });

  router.get('/api/honourees', requireRole('secretariat', 'auditor'), async (req, res) => {
    const { q } = parse(honoureeQuery, req.query, 'query');
    const found = await searchHonourees(db, q, HONOUREE_SEARCH_LIMIT + 1);
    res.json({ honourees: found.slice(0, HONOUREE_SEARCH_LIMIT).map(honoureeView), truncated: found.length > HONOUREE_SEARCH_LIMIT });
  });

  return router;
}
