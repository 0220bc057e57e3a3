import Database from 'libsql';
import { reusePreparedStatements } from '../../db/sqlite-statement-cache';

function connection() {
  const db = reusePreparedStatements(new Database(':memory:'));
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT UNIQUE)');
  return db;
}

describe('SQLite statements are prepared once per connection and reused', () => {
  test('the same SQL gets the same prepared statement, and it answers each run with that run’s parameters', () => {
    const db = connection();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    expect(db.prepare('INSERT INTO t (v) VALUES (?)')).toBe(insert);
    insert.run('a');
    db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
    const select = db.prepare('SELECT v FROM t WHERE v >= ? ORDER BY v');
    select.raw(true);
    expect(select.all('a')).toEqual([['a'], ['b']]);
    expect(db.prepare('SELECT v FROM t WHERE v >= ? ORDER BY v').all('b')).toEqual([['b']]);
  });

  test('a statement that failed runs again, and a transaction around it still commits', () => {
    const db = connection();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id');
    insert.all('a');
    expect(() => db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id').all('a')).toThrow(/UNIQUE/);
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO t (v) VALUES (?) RETURNING id').all('c');
    db.exec('COMMIT');
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toMatchObject({ n: 2 });
  });

  test('a statement that returns no rows refuses raw mode every time it is asked, as libSQL’s client expects', () => {
    const db = connection();
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    expect(() => insert.raw(true)).toThrow();
    expect(() => db.prepare('INSERT INTO t (v) VALUES (?)').raw(true)).toThrow();
    expect(insert.run('x').changes).toBe(1);
  });

  test('the columns of a reused statement are those of its SQL', () => {
    const db = connection();
    expect(db.prepare('SELECT id, v FROM t').columns().map((c) => c.name)).toEqual(['id', 'v']);
    expect(db.prepare('SELECT id, v FROM t').columns().map((c) => c.name)).toEqual(['id', 'v']);
    expect(db.prepare('SELECT v FROM t').columns().map((c) => c.name)).toEqual(['v']);
  });

  test('it keeps at most its capacity of statements, dropping the least recently used', () => {
    const db = connection();
    const first = db.prepare('SELECT 0');
    for (let i = 1; i <= 600; i++) db.prepare(`SELECT ${i}`);
    expect(db.prepare('SELECT 0')).not.toBe(first);
    const recent = db.prepare('SELECT 600');
    expect(db.prepare('SELECT 600')).toBe(recent);
  });
});
