import type { HonoureeRecord, ImportCounts } from '../db/honourees';
import { importHonourees, searchHonourees } from '../db/honourees';
import { AppError } from '../domain/errors';
import { parseHonoureeCsv } from '../domain/honouree-csv';
import type { UseCaseDeps } from './deps';

const HONOUREE_SEARCH_LIMIT = 200;

/**
 * Puts a CSV sheet of earlier honourees into the registry, all or nothing: a sheet with any bad
 * line is refused with every bad line named (400 invalid-csv) and imports nothing.
 */
export async function importHonoureeCsv({ db }: Pick<UseCaseDeps, 'db'>, csv: string): Promise<ImportCounts> {
  const { rows, errors } = parseHonoureeCsv(csv);
  if (errors.length > 0) {
    throw new AppError(
      400,
      'invalid-csv',
      'The CSV file has errors; nothing was imported. See details.',
      errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
    );
  }
  return importHonourees(db, rows);
}

/** Registry entries whose name or unit contains `q`, newest year first; `truncated` past the limit. */
export async function findHonourees({ db }: UseCaseDeps, q: string | undefined): Promise<{ honourees: HonoureeRecord[]; truncated: boolean }> {
  const found = await searchHonourees(db, q, HONOUREE_SEARCH_LIMIT + 1);
  return { honourees: found.slice(0, HONOUREE_SEARCH_LIMIT), truncated: found.length > HONOUREE_SEARCH_LIMIT };
}
