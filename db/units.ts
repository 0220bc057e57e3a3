import type { Db, Tx } from './client';

export interface UnitRecord {
  id: string;
  name: string;
  kind: string;
  createdAt: Date;
}

export async function allUnits(db: Db): Promise<(UnitRecord & { accounts: number })[]> {
  const rows = await db.unit.findMany({ orderBy: [{ kind: 'asc' }, { name: 'asc' }], include: { _count: { select: { users: true } } } });
  return rows.map(({ _count, ...u }) => ({ ...u, accounts: _count.users }));
}

export async function findUnit(db: Db | Tx, id: string): Promise<UnitRecord | null> {
  return db.unit.findUnique({ where: { id } });
}

export async function findUnitByName(db: Db | Tx, name: string): Promise<UnitRecord | null> {
  return db.unit.findUnique({ where: { name } });
}

export async function createUnit(db: Db | Tx, unit: { id: string; name: string; kind: string }): Promise<UnitRecord> {
  return db.unit.create({ data: unit });
}

export async function renameUnit(db: Db, id: string, name: string): Promise<UnitRecord> {
  return db.unit.update({ where: { id }, data: { name } });
}
