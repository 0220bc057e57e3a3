import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config';
import type { Label } from '../../domain/vocabulary';
import { DECISION_LABELS, NOTE_LABELS, STATUS_LABELS, TASK_KIND_LABELS } from '../../domain/vocabulary';

// The pages name statuses, task kinds, decisions and notes only through GET /api/labels, so a word
// changed in the vocabulary changes on every page. Only the Chinese words are compared, and roles,
// channels, categories and compensations are left out: a page's own headings coincide with them by
// right (“Public notice” names a page, “推荐单位” a column, “个人自荐” a button).
const ASSETS = path.join(projectRoot, 'web', 'assets');

function chineseWordsOf(tables: Record<string, Label & { applicant?: Label }>[]): Set<string> {
  const words = new Set<string>();
  for (const table of tables) {
    for (const entry of Object.values(table)) {
      for (const label of [entry, entry.applicant]) {
        if (label) words.add(label.zh);
      }
    }
  }
  return words;
}

/** Every quoted string of a script, template literals without placeholders included. */
function stringLiterals(source: string): string[] {
  return [...source.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$\\]*)`/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

test('no page keeps its own words for a status, task kind, decision or timeline note', () => {
  const vocabulary = chineseWordsOf([STATUS_LABELS, TASK_KIND_LABELS, DECISION_LABELS, NOTE_LABELS]);
  const copies = fs
    .readdirSync(ASSETS)
    .filter((name) => name.endsWith('.js'))
    .flatMap((name) => stringLiterals(fs.readFileSync(path.join(ASSETS, name), 'utf8')).filter((s) => vocabulary.has(s)).map((s) => `${name}: ${s}`));
  expect(copies).toEqual([]);
});
