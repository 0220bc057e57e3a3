import { allHandlersFinished, condition } from '@temporalio/workflow';
import type { CaseStatus } from '../domain/statuses';
import type { NominationInput } from './contract';
import { CaseEnded, CaseInterrupted, NominationCase } from './nomination-case';

/**
 * One nomination's whole life, stage by stage as the national notice runs it (三、活动流程): the
 * seal check, the working group's field review and the branch's shortlist (organisation and self
 * nominations), the committee, selection, the public notice and the announcement on the date the
 * secretariat chooses. At any point up to and after the announcement, a
 * withdrawal or a disqualification cuts it short; a disqualification undoes every completed step,
 * newest first (the saga).
 */
export async function nominationWorkflow(input: NominationInput): Promise<CaseStatus> {
  const nomination = new NominationCase(input);
  nomination.listen();
  try {
    await sealCheck(nomination);
    // A branch's own nominations (推举) go from the seal check straight to the committee.
    if (input.channel !== 'branch') {
      await fieldReview(nomination);
      await branchShortlist(nomination);
    }
    await committeeReview(nomination);
    await publicNotice(nomination, await selection(nomination));
    await announcement(nomination);
    await nomination.stayOpenForLateFindings();
  } catch (end) {
    if (end instanceof CaseInterrupted) await (nomination.disqualification ? disqualify(nomination) : withdraw(nomination));
    else if (!(end instanceof CaseEnded)) throw end;
  }
  const status = await nomination.close();
  await condition(allHandlersFinished);
  return status;
}

/** 公章审核: the secretariat checks the unit's seal on the form; it may ask for the form again, until the submission deadline. */
async function sealCheck(nomination: NominationCase) {
  await nomination.openReview('seal-check');
  while ((await nomination.reviewDecision()) === 'request-resubmission') {
    await nomination.awaitResubmission();
    await nomination.openReview('seal-check');
  }
}

/** 评审工作组审核: the working group of the case's business field checks the materials. */
async function fieldReview(nomination: NominationCase) {
  await nomination.openReview('field-review');
  await nomination.reviewDecision();
}

/** 分支机构遴选: the branch of the field decides whether to shortlist the case. */
async function branchShortlist(nomination: NominationCase) {
  await nomination.openReview('branch-shortlist');
  await nomination.reviewDecision();
  nomination.saga.add('revoke-shortlist');
}

/** 评审委员会评审: committee members vote; a majority of the quorum approves, and the case enters the selection pool. */
async function committeeReview(nomination: NominationCase) {
  await nomination.openReview('committee-review');
  const verdict = await nomination.committeeVerdict();
  nomination.saga.add('revoke-approval');
  await nomination.enterSelectionPool(verdict);
}

/** 评选: the committee round ranks the pool; a case not selected waits in reserve until the notice ends, for a revoked winner's slot. */
async function selection(nomination: NominationCase): Promise<{ rank: number; noticeEndsAt: string }> {
  const outcome = await nomination.committeeOutcome();
  if (outcome.selected) return { rank: outcome.rank, noticeEndsAt: outcome.noticeEndsAt! };
  await nomination.record('not-selected', { rank: outcome.rank });
  const promotion = await nomination.awaitPromotion(outcome.noticeEndsAt!);
  if (!promotion) throw new CaseEnded('not-selected');
  return promotion;
}

/** 公示: the winner is listed publicly until the notice period ends; objections lodged meanwhile are ruled first. */
async function publicNotice(nomination: NominationCase, { rank, noticeEndsAt }: { rank: number; noticeEndsAt: string }) {
  nomination.noticeUntil(noticeEndsAt);
  await nomination.record('public-notice', { rank, notice: 'publish' });
  nomination.saga.add('revoke-winner', 'withdraw-notice');
  await nomination.noticePeriod(noticeEndsAt);
  await nomination.record('notice-ended');
}

/** 择期通报: on the date the secretariat chose, the result is announced and the honouree enters the registry. */
async function announcement(nomination: NominationCase) {
  await nomination.awaitAnnouncement();
  await nomination.record('announced');
  nomination.saga.add('revoke-announcement');
}

/** 取消参评资格: every completed step is undone, newest first; the parties are told; then the case ends disqualified. */
async function disqualify(nomination: NominationCase) {
  const { reason, actorId } = nomination.disqualification!;
  for (const action of nomination.saga.toUndo()) await nomination.compensate(action, reason);
  await nomination.compensate('notify-parties', reason);
  await nomination.incidentsResolved();
  await nomination.settle('disqualified', { ...nomination.cancelOpenTasks(), note: reason, actorId });
}

/** 撤回: a withdrawn case gives up its notice entry and its winner slot; its quota slot is freed by the last step itself. */
async function withdraw(nomination: NominationCase) {
  const { reason, actor } = nomination.withdrawal!;
  for (const action of nomination.saga.toUndo())
    if (action === 'withdraw-notice' || action === 'revoke-winner') await nomination.compensate(action, reason ?? 'withdrawn');
  await nomination.settle('withdrawn', { ...nomination.cancelOpenTasks(), note: reason, actorId: actor?.id });
}
