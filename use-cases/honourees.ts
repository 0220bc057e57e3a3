import { eligibilityReviewFor, runningCasesInRegistry } from '../db/eligibility';
import { openEligibilityReviews } from '../gateway/eligibility-reviews';
import type { HonoureeRecord, ImportCounts } from '../db/honourees';
import { importHonourees, searchHonourees } from '../db/honourees';
import { AppError } from '../domain/errors';
import { parseHonoureeCsv } from '../domain/honouree-csv';
import { honoureeKey } from '../domain/honourees';
import type { UseCaseDeps } from './deps';

const HONOUREE_SEARCH_LIMIT = 200;

/** What an import did: the registry's counts, and the running cases it put to an eligibility review. */
export interface ImportOutcome extends ImportCounts {
  eligibilityReviews: { caseId: string; taskId: string | null }[];
}

/**
 * Puts a CSV sheet of earlier honourees into the registry, all or nothing: a sheet with any bad
 * line is refused with every bad line named (400 invalid-csv) and imports nothing. Then every
 * running case whose nominee the sheet names goes to the secretariat as an eligibility review;
 * a case Temporal cannot reach now is listed with a null task, and the housekeeping opens it later.
 */
export async function importHonoureeCsv({ db, cases }: Pick<UseCaseDeps, 'db' | 'cases'>, csv: string, actorId?: string): Promise<ImportOutcome> {
  const { rows, errors } = parseHonoureeCsv(csv);
  if (errors.length > 0) {
    throw new AppError(
      400,
      'invalid-csv',
      'The CSV file has errors; nothing was imported. See details.',
      errors.map((e) => ({ path: `line ${e.line}`, message: e.message })),
    );
  }
  const counts = await importHonourees(db, rows);
  const matches = await runningCasesInRegistry(db, rows.map((r) => honoureeKey(r.category, r.name, r.unit)));
  const reviews = await Promise.all(matches.map(({ caseId, honouree }) => eligibilityReviewFor(db, caseId, honouree.id)));
  const opened = await openEligibilityReviews(db, cases, reviews.map((r) => r.id), actorId);
  const taskOf = new Map([...reviews.map((r) => [r.id, r.taskId] as const), ...opened.map((o) => [o.reviewId, o.taskId] as const)]);
  const eligibilityReviews = matches.map((m, i) => ({ caseId: m.caseId, taskId: taskOf.get(reviews[i].id) ?? null }));
  return { ...counts, eligibilityReviews };
}

/** Registry entries whose name or unit contains `q`, newest year first; `truncated` past the limit. */
export async function findHonourees({ db }: UseCaseDeps, q: string | undefined): Promise<{ honourees: HonoureeRecord[]; truncated: boolean }> {
  const found = await searchHonourees(db, q, HONOUREE_SEARCH_LIMIT + 1);
  return { honourees: found.slice(0, HONOUREE_SEARCH_LIMIT), truncated: found.length > HONOUREE_SEARCH_LIMIT };
}
