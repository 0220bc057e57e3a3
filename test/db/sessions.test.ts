import { findSession } from '../../db/sessions';
import type { TestDatabase } from '../support/database';
import { createTestDatabase } from '../support/database';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.unit.create({ data: { id: 'u1', name: '某某大学后勤处', kind: 'university' } });
  await t.db.user.create({ data: { id: 'a', username: 'reviewer-a', displayName: '评审甲', roles: '["working-group"]', fields: '["canteen"]', campaigns: '["c1"]', unitId: 'u1' } });
  await t.db.user.create({ data: { id: 'b', username: 'reviewer-b', roles: '["secretariat"]', disabled: true } });
});
afterAll(async () => {
  await t?.drop();
});

describe('a session is read with its account in one query, as Prisma itself reads them', () => {
  test('its times, its account and the account’s unit are those stored', async () => {
    const expiresAt = new Date('2026-12-02T03:04:05.678Z');
    await t.db.session.create({ data: { id: 'hash-a', userId: 'a', expiresAt, lastSeenAt: new Date('2026-12-01T01:02:03.456Z') } });
    await t.db.session.update({ where: { id: 'hash-a' }, data: { revokedAt: new Date('2026-12-01T09:08:07.006Z') } });
    const stored = await t.db.session.findUniqueOrThrow({ where: { id: 'hash-a' }, include: { user: { include: { unit: true } } } });

    const found = await findSession(t.db, 'hash-a');

    expect(found).toEqual({
      lastSeenAt: stored.lastSeenAt,
      expiresAt: stored.expiresAt,
      revokedAt: stored.revokedAt,
      userDisabled: false,
      user: {
        id: 'a',
        username: 'reviewer-a',
        displayName: '评审甲',
        roles: stored.user.roles,
        fields: stored.user.fields,
        campaigns: stored.user.campaigns,
        unit: { id: 'u1', name: '某某大学后勤处', kind: 'university' },
      },
    });
    expect(found!.expiresAt.getTime()).toBe(expiresAt.getTime());
  });

  test('a disabled account without a unit, and a session never revoked, read as such', async () => {
    await t.db.session.create({ data: { id: 'hash-b', userId: 'b', expiresAt: new Date('2026-12-02T00:00:00Z') } });
    const found = await findSession(t.db, 'hash-b');
    expect(found).toMatchObject({ revokedAt: null, userDisabled: true, user: { id: 'b', displayName: '', unit: null } });
  });

  test('an unknown token hash finds nothing', async () => {
    expect(await findSession(t.db, 'no-such-hash')).toBeNull();
  });
});
