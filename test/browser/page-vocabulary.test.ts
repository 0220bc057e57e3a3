import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config';
import type { Label } from '../../domain/vocabulary';
import { AWARD_LEVEL_LABELS, CHANNEL_LABELS, DECISION_LABELS, NOTE_LABELS, PHASE_LABELS, ROLE_LABELS, STATUS_LABELS, TASK_KIND_LABELS } from '../../domain/vocabulary';

// The pages name statuses, task kinds, decisions, notes, campaign phases and award levels only
// through GET /api/labels, so a word changed in the vocabulary changes on every page. Only the
// Chinese words are compared, and roles, channels, categories and compensations are left out: a
// page's own headings coincide with them by right (“Public notice” names a page, “推荐单位” a
// column, “个人自荐” a button) — except on the pages that assign roles and channels, which must
// take them from the vocabulary.
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

/** Every string literal of the named scripts (all of them by default) that is a word of the tables given. */
function copiesOf(tables: Record<string, Label & { applicant?: Label }>[], scripts?: string[]): string[] {
  const vocabulary = chineseWordsOf(tables);
  return fs
    .readdirSync(ASSETS)
    .filter((name) => name.endsWith('.js') && (!scripts || scripts.includes(name)))
    .flatMap((name) => stringLiterals(fs.readFileSync(path.join(ASSETS, name), 'utf8')).filter((s) => vocabulary.has(s)).map((s) => `${name}: ${s}`));
}

test('no page keeps its own words for a status, task kind, decision, timeline note, campaign phase or award level', () => {
  expect(copiesOf([STATUS_LABELS, TASK_KIND_LABELS, DECISION_LABELS, NOTE_LABELS, PHASE_LABELS, AWARD_LEVEL_LABELS])).toEqual([]);
});

test('the pages that give accounts their roles and unit kinds their channels name them from the vocabulary', () => {
  expect(copiesOf([ROLE_LABELS, CHANNEL_LABELS], ['people.js', 'campaign.js'])).toEqual([]);
});
