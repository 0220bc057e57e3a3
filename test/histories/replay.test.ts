import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { encryptingDataConverter, parsePayloadKeys } from '../../config/payload-codec';
import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import { historyFromJson, historyToJson } from '../../audit/history-json';
import { replayHistories } from '../../audit/replay';
import type { ReplayOutcome } from '../../audit/replay';
import { compareWithHistory, reconstructCase } from '../../audit/replay-check';
import { committedHistories, historiesDir, manifest } from './committed';
import { RECORDER_IDENTITY } from './recorder';

// The replay gate: every committed history of every path a case can take is replayed against the
// current workflow code on every test run. A change that breaks a running case fails here.

// Production workers' converter: payloads written before encryption (these are) pass its codec as they are.
const dataConverter = encryptingDataConverter(parsePayloadKeys(randomBytes(32).toString('base64')));

test('every committed history replays deterministically against the current workflow code, reaching its path’s status through the very steps it recorded', async () => {
  const histories = committedHistories();
  const outcomes: ReplayOutcome[] = [];
  for await (const outcome of replayHistories(histories, { dataConverter, replayName: 'replay-gate' })) outcomes.push(outcome);

  expect(outcomes.map((o) => o.workflowId)).toEqual(histories.map((h) => h.workflowId));
  const figures: string[] = [];
  for (const [i, h] of histories.entries()) {
    const o = outcomes[i];
    expect({ path: h.path, deterministic: o.deterministic, failure: o.failure }).toEqual({ path: h.path, deterministic: true, failure: undefined });
    expect({ path: h.path, status: reconstructCase(o.trace).status }).toEqual({ path: h.path, status: h.expectedStatus });
    const events = await decodeHistory(h.history, payloadDecoder(dataConverter));
    expect({ path: h.path, disagreements: compareWithHistory(o.trace, events) }).toEqual({ path: h.path, disagreements: [] });
    if (!h.staysOpen) expect({ path: h.path, result: o.trace.ended?.result }).toEqual({ path: h.path, result: h.expectedStatus });
    figures.push(`  ${h.path.padEnd(40)} ${String(o.events).padStart(4)} events  ${o.ms.toFixed(1).padStart(7)} ms  → ${h.expectedStatus}`);
  }
  const total = outcomes.reduce((sum, o) => sum + o.ms, 0);
  console.log(`replay gate: ${histories.length} committed histories replayed (ms per history, the first includes starting the replay worker):\n${figures.join('\n')}\n  total ${total.toFixed(0)} ms`);
});

test('the committed histories cover every path a case can take, and each file is in the manifest', () => {
  const paths = manifest().histories.map((h) => h.path);
  for (const required of [
    'announced',
    'rejected-at-seal-check',
    'rejected-at-field-review',
    'rejected-at-branch-shortlist',
    'rejected-at-committee-review',
    'expired',
    'withdrawn-during-review',
    'not-selected',
    'objection-dismissed',
    'objection-upheld',
    'disqualified-after-announcement',
  ])
    expect(paths).toContain(required);
  const files = fs.readdirSync(path.join(historiesDir, 'recorded')).map((f) => `recorded/${f}`);
  expect(files.sort()).toEqual(manifest().histories.map((h) => h.file).sort());
  console.log(`replay gate: ${paths.length} committed histories, paths: ${paths.join(', ')}`);
});

test('committed histories carry only the recorder’s identity and no stack trace or local path', () => {
  for (const h of committedHistories()) {
    const text = fs.readFileSync(path.join(historiesDir, h.file), 'utf8');
    const identities = new Set([...text.matchAll(/"identity": "([^"]*)"/g)].map((m) => m[1]));
    expect({ file: h.file, identities: [...identities] }).toEqual({ file: h.file, identities: [RECORDER_IDENTITY] });
    expect(text).not.toMatch(/"stackTrace": "[^"]/);
    expect(text).not.toMatch(/(^|[\s"'(=])\/(home|root|Users|work|tmp|var|private)\//m);
  }
});

test('a history whose recorded step was edited still replays deterministically, and the edit is reported as a disagreement with the history', async () => {
  const [original] = committedHistories().filter((h) => h.path === 'rejected-at-field-review');
  const tampered = JSON.parse(historyToJson(original.history)) as { events: { activityTaskScheduledEventAttributes?: { activityType: { name: string }; input: { payloads: { data: string }[] } } }[] };
  const steps = tampered.events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType.name === 'recordCaseStep');
  const last = steps.at(-1)!.activityTaskScheduledEventAttributes!.input.payloads[0];
  const step = JSON.parse(Buffer.from(last.data, 'base64').toString('utf8')) as { status: string };
  expect(step.status).toBe('rejected');
  last.data = Buffer.from(JSON.stringify({ ...step, status: 'branch-shortlist' })).toString('base64');

  const history = historyFromJson(tampered);
  let outcome: ReplayOutcome | undefined;
  for await (const o of replayHistories([{ workflowId: original.workflowId, history }], { dataConverter, replayName: 'replay-tampered' })) outcome = o;
  expect(outcome!.deterministic).toBe(true);
  const disagreements = compareWithHistory(outcome!.trace, await decodeHistory(history, payloadDecoder(dataConverter)));
  expect(disagreements).toEqual([
    expect.objectContaining({ against: 'history', replayed: expect.objectContaining({ status: 'rejected' }), recorded: expect.objectContaining({ status: 'branch-shortlist' }) }),
  ]);
});
