import fs from 'node:fs';
import path from 'node:path';
import type { History } from '../../audit/history-json';
import { historyFromJson } from '../../audit/history-json';
import type { CaseStatus } from '../../domain/statuses';

export const historiesDir = __dirname;

export interface CommittedHistory {
  file: string;
  path: string;
  description: string;
  expectedStatus: CaseStatus;
  staysOpen: boolean;
  workflowId: string;
  events: number;
}

export function manifest(): { recordedWith: string; histories: CommittedHistory[] } {
  return JSON.parse(fs.readFileSync(path.join(historiesDir, 'manifest.json'), 'utf8'));
}

export function readHistory(h: CommittedHistory): History {
  return historyFromJson(JSON.parse(fs.readFileSync(path.join(historiesDir, h.file), 'utf8')));
}

/** Every committed history with its manifest entry, in manifest order. */
export function committedHistories(): (CommittedHistory & { history: History })[] {
  return manifest().histories.map((h) => ({ ...h, history: readHistory(h) }));
}
