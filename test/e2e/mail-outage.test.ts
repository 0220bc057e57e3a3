import { ApiClient, eventually, nominationForm, openCampaign, sampleNomination } from '../support/http';
import type { System } from '../support/system';
import { startSystem } from '../support/system';

/*
 * A mail outage on the whole system (Temporal dev server, worker, API, real SMTP mail catcher):
 * the catcher stops, emails queue and fail, the secretariat reads the backlog, the catcher comes
 * back on the same port, and the backlog drains.
 */

/**
 * Failed tries each email must have before the mail server recovers. The old policy (2 s doubling,
 * up to 5 minutes) waited 2 s × 2⁵ = 64 s after the sixth failure: past a minute.
 */
const FAILED_TRIES = 6;
const RECOVERY_DEADLINE_MS = 60_000;

let system: System;
let api: ApiClient;
let secretariat: ApiClient;
let auditor: ApiClient;

beforeAll(async () => {
  system = await startSystem();
  await system.startWorker();
  api = new ApiClient(system.baseUrl);
  secretariat = await api.login('secretariat');
  auditor = await api.login('auditor');
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

test(`after a mail outage long enough for the old back-off to pass a minute, every queued email arrives within ${RECOVERY_DEADLINE_MS / 1000} s of the mail server's recovery; meanwhile GET /api/outbox shows the backlog without recipients or contents`, async () => {
  const campaignId = await openCampaign(secretariat, 'mail-outage', '邮件中断测试');
  await system.stopMail();
  const outageStartedAt = Date.now();

  // Case emails (the nomination workflow) and an account email (a delivery workflow of its own).
  const caseIds: string[] = [];
  for (let i = 0; i < 2; i++) {
    const submitted = await api.post(`/api/campaigns/${campaignId}/nominations`, nominationForm(sampleNomination({ channel: 'self' })));
    expect(submitted.status).toBe(201);
    caseIds.push(submitted.body.caseId);
  }
  const invited = await secretariat.post('/api/users', { username: 'outage-invitee', displayName: '邮件中断测试账号', email: 'outage-invitee@example.test', roles: ['auditor'] });
  expect(invited.status).toBe(201);
  const ours = { OR: [{ caseId: { in: caseIds } }, { caseId: `account:${invited.body.id}` }] };

  const queued = await eventually(
    () => system.db.outbox.findMany({ where: ours, orderBy: { createdAt: 'asc' } }),
    (rows) => rows.length >= 3 && rows.every((r) => r.status === 'pending' && r.attempts >= FAILED_TRIES),
    150_000,
  );
  expect(new Set(queued.map((r) => r.caseId))).toEqual(new Set([...caseIds, `account:${invited.body.id}`]));

  const during = await secretariat.get('/api/outbox');
  expect(during.status).toBe(200);
  expect(during.body).toEqual({
    queued: queued.length,
    failing: queued.length,
    failed: 0,
    oldestQueuedAt: queued[0].createdAt.toISOString(),
    lastError: expect.stringContaining('ECONNREFUSED'),
  });
  const answered = JSON.stringify(during.body);
  for (const row of queued) for (const personal of [row.recipient, row.subject, row.text]) expect(answered).not.toContain(personal);
  expect((await auditor.get('/api/outbox')).body).toEqual(during.body);

  await system.startMail();
  const recoveredAt = Date.now();
  const messageIds = queued.map((r) => `<${r.id}@laurel>`);
  await eventually(
    () => system.mail(),
    (mail) => messageIds.every((id) => mail.some((m) => m.messageId === id)),
    RECOVERY_DEADLINE_MS,
  );
  const secondsToDeliver = (Date.now() - recoveredAt) / 1000;
  console.log(
    `mail outage: ${queued.length} emails, each failed ${FAILED_TRIES}+ tries over ${((recoveredAt - outageStartedAt) / 1000).toFixed(0)} s of outage; ` +
      `all delivered ${secondsToDeliver.toFixed(1)} s after the mail server came back`,
  );
  expect(secondsToDeliver).toBeLessThanOrEqual(RECOVERY_DEADLINE_MS / 1000);

  const drained = await eventually(() => secretariat.get('/api/outbox'), (r) => r.body.queued === 0);
  expect(drained.body).toEqual({ queued: 0, failing: 0, failed: 0, oldestQueuedAt: null, lastError: null });
}, 300_000);
