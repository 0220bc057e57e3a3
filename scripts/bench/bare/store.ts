import { Pool } from 'pg';
import { openSqlite } from '../../../db/sqlite-connection';
import type { BareStep, BareVote } from './contract';

/** Where a bare case keeps its steps and votes: one row each, no more. */
export interface BareStore {
  recordStep(step: BareStep): Promise<void>;
  recordVote(vote: BareVote): Promise<void>;
  /** How many of the cases whose id starts with `tag-` have recorded their first step: the bench waits on it. */
  firstSteps(tag: string): Promise<number>;
  close(): Promise<void>;
}

const TABLES = [
  'CREATE TABLE IF NOT EXISTS bare_step (case_id TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL, decided_by TEXT, score REAL, PRIMARY KEY (case_id, seq))',
  'CREATE TABLE IF NOT EXISTS bare_vote (case_id TEXT NOT NULL, task_id TEXT NOT NULL, member_id TEXT NOT NULL, decision TEXT NOT NULL, score REAL, PRIMARY KEY (task_id, member_id))',
];
const INSERT_STEP = 'INSERT INTO bare_step (case_id, seq, status, at, decided_by, score) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING';
const INSERT_VOTE = 'INSERT INTO bare_vote (case_id, task_id, member_id, decision, score) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING';

const COUNT_FIRST_STEPS = 'SELECT count(*) AS n FROM bare_step WHERE seq = 1 AND case_id LIKE $1';
const caseIdsOf = (tag: string) => `${tag}-%`;

const stepValues = (s: BareStep) => [s.caseId, s.seq, s.status, s.at, s.decidedBy ?? null, s.score ?? null];
const voteValues = (v: BareVote) => [v.caseId, v.taskId, v.memberId, v.decision, v.score ?? null];

/** A `file:` URL (SQLite) or a `postgresql://` one, with the same settings as Laurel's client: its SQLite connection settings (WAL from the migrations), a 15 s busy timeout; on PostgreSQL a pool of 30. */
export async function openBareStore(url: string): Promise<BareStore> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new Pool({ connectionString: url, max: 30 });
    for (const sql of TABLES) await pool.query(sql);
    return {
      recordStep: async (s) => void (await pool.query(INSERT_STEP, stepValues(s))),
      recordVote: async (v) => void (await pool.query(INSERT_VOTE, voteValues(v))),
      firstSteps: async (tag) => Number((await pool.query<{ n: string }>(COUNT_FIRST_STEPS, [caseIdsOf(tag)])).rows[0].n),
      close: () => pool.end(),
    };
  }
  const db = openSqlite(url, 15_000);
  // Laurel's migrations put its file in WAL mode: the same journal, the same fsyncs a commit.
  db.pragma('journal_mode = WAL');
  for (const sql of TABLES) db.exec(sql);
  // SQLite numbers its parameters ?1, ?2…: the same statements, spelt its way.
  const step = db.prepare(INSERT_STEP.replace(/\$\d/g, '?'));
  const vote = db.prepare(INSERT_VOTE.replace(/\$\d/g, '?'));
  const firstSteps = db.prepare(COUNT_FIRST_STEPS.replace(/\$\d/g, '?'));
  return {
    recordStep: async (s) => void step.run(...stepValues(s)),
    recordVote: async (v) => void vote.run(...voteValues(v)),
    firstSteps: async (tag) => (firstSteps.get(caseIdsOf(tag)) as { n: number }).n,
    close: async () => void db.close(),
  };
}
