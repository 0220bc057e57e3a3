import { ApiClient } from '../../test/support/http';
import { caseWorkflowId } from '../../workflows/contract';
import { processCpuSeconds } from './cpu';
import { benchNomination, change, openBenchCampaign } from './laurel-api';
import { closeAndAnnounce, recordedIn, reviewEveryCase } from './laurel-reviews';
import type { LaurelSystem } from './laurel-system';
import { inPool, timed } from './pool';
import type { RoundOutcome, RoundSpec } from './round-plan';
import { COMMITTEE_QUORUM, PhaseClock, SECRETARIAT, emptyOutcome } from './round-plan';

/** Opens the round's campaign (not measured); answers the round itself. */
export async function prepareLaurelRound(system: LaurelSystem, spec: RoundSpec): Promise<() => Promise<RoundOutcome>> {
  const anonymous = new ApiClient(system.baseUrl);
  // Every case may win: the round's winners are every case that passed the committee.
  const campaignId = await openBenchCampaign(await anonymous.login(SECRETARIAT), spec.tag, spec.noticePeriodSeconds, spec.cases, COMMITTEE_QUORUM);
  return () => runLaurelRound(system, spec, anonymous, campaignId);
}

/**
 * One round on Laurel, over HTTP as its people work: applicants self-nominate, `concurrency` at a
 * time; each reviewer in turn decides every case from their inbox; the secretariat closes the
 * committee round and, once every notice has ended, announces.
 */
async function runLaurelRound(system: LaurelSystem, spec: RoundSpec, anonymous: ApiClient, campaignId: string): Promise<RoundOutcome> {
  const outcome = emptyOutcome('laurel', spec);
  const clock = new PhaseClock(outcome);
  const submitted = new Set<string>();

  const indexes = Array.from({ length: spec.cases }, (_, i) => i + 1);
  await inPool(indexes, spec.concurrency, async (i) => {
    const sentAt = Date.now();
    const answer = await timed(outcome.startMs, () => change(anonymous, `/api/campaigns/${campaignId}/nominations`, benchNomination(spec.tag, i), 201, outcome.retriedAnswers)).catch(
      recordedIn(outcome, `submission ${i}`),
    );
    if (!answer) return;
    const caseId = answer.body.caseId as string;
    submitted.add(caseId);
    outcome.submittedAt[caseWorkflowId(caseId)] = sentAt;
    outcome.caseWorkflowIds.push(caseWorkflowId(caseId));
  });
  clock.phase('submissions');

  const api = system.parts.find((p) => p.name === 'laurel-api')!;
  const apiCpuSeconds = () => processCpuSeconds(api.pid) ?? 0;
  const approved = await reviewEveryCase(
    anonymous,
    campaignId,
    submitted,
    spec.concurrency,
    outcome,
    (name, probes) => {
      clock.probeMs += probes.ms;
      outcome.probeApiCpuSeconds += probes.apiCpuSeconds;
      clock.phase(name);
    },
    { apiCpuSeconds },
  );
  clock.reviewsDone();

  const winners = await closeAndAnnounce(system, anonymous, campaignId, outcome, (name) => clock.phase(name));
  if (winners !== approved.size) outcome.errors.push(`the committee round chose ${winners} winners of ${approved.size} approved cases`);
  clock.done();
  return outcome;
}
