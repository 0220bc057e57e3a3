import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { History } from '../../audit/history-json';
import { decodeHistory, payloadDecoder } from '../../audit/history-events';
import { replayHistories } from '../../audit/replay';
import type { ReplayOutcome } from '../../audit/replay';
import { devServerEnvironment } from '../support/temporal';
import { committedHistories } from './committed';
import { recordScenarios } from './recorder';
import { SCENARIOS } from './scenarios';
import { ELIGIBILITY_PATCH } from './variants/eligibility';

// How a workflow change ships while cases run (README: "Changing a workflow while cases run"),
// shown on one change — an eligibility check when a case starts — in three test-only variants.

const variant = (name: 'unpatched' | 'patched' | 'deprecated') => require.resolve(`./variants/${name}`);

async function replayAll(histories: { workflowId: string; history: History }[], workflowsPath: string): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  for await (const o of replayHistories(histories, { workflowsPath, replayName: 'workflow-change' })) outcomes.push(o);
  return outcomes;
}

const committed = committedHistories();

test('a change that adds an activity call without patched() fails the replay of every committed history with a determinism error', async () => {
  const outcomes = await replayAll(committed, variant('unpatched'));
  expect(outcomes).toHaveLength(committed.length);
  for (const o of outcomes) expect({ workflowId: o.workflowId, deterministic: o.deterministic, kind: o.failure?.kind }).toEqual({ workflowId: o.workflowId, deterministic: false, kind: 'DeterminismViolationError' });
});

describe('the same change behind patched(), later cleaned up with deprecatePatch()', () => {
  let env: TestWorkflowEnvironment;
  let checked: string[];
  let fresh: { workflowId: string; history: History };

  beforeAll(async () => {
    env = await devServerEnvironment();
    checked = [];
    const [recorded] = await recordScenarios(env, SCENARIOS.filter((s) => s.name === 'rejected-at-seal-check'), {
      workflowsPath: variant('patched'),
      extraActivities: { checkEligibility: async (caseId: string) => void checked.push(caseId) },
    });
    fresh = { workflowId: recorded.workflowId, history: recorded.history };
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('the patched code replays every history recorded before it, the old way', async () => {
    const outcomes = await replayAll(committed, variant('patched'));
    for (const o of outcomes) expect({ workflowId: o.workflowId, deterministic: o.deterministic, failure: o.failure }).toEqual({ workflowId: o.workflowId, deterministic: true, failure: undefined });
  });

  test('a case started on the patched code takes the new branch: the check runs and the history records the patch marker', async () => {
    expect(checked).toEqual(['hist-rejected-at-seal-check']);
    const events = await decodeHistory(fresh.history, payloadDecoder());
    expect(events.filter((e) => e.type === 'MarkerRecorded').map((e) => e.patchId)).toEqual([ELIGIBILITY_PATCH]);
    expect(events.filter((e) => e.type === 'ActivityTaskScheduled').map((e) => e.activityType)[0]).toBe('checkEligibility');
    const [replayed] = await replayAll([fresh], variant('patched'));
    expect(replayed.deterministic).toBe(true);
  });

  test('deprecatePatch() replays the histories recorded with the marker, and no longer those from before the patch: deploy it only when none of those still runs', async () => {
    const [withMarker] = await replayAll([fresh], variant('deprecated'));
    expect(withMarker).toMatchObject({ deterministic: true });
    const before = await replayAll(committed.slice(0, 3), variant('deprecated'));
    for (const o of before) expect({ deterministic: o.deterministic, kind: o.failure?.kind }).toEqual({ deterministic: false, kind: 'DeterminismViolationError' });
  });
});
