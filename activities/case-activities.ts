import { ApplicationFailure } from '@temporalio/activity';
import type { StatusMailFor } from '../db/case-steps';
import { CaseNotFound, enterSelectionPool, recordCaseStep } from '../db/case-steps';
import type { Db } from '../db/client';
import { recordVote } from '../db/votes';
import type { Language } from '../domain/channels';
import type { Mailer } from '../mail/mailer';
import { renderStatusEmail, renderUnitAnnouncement } from '../mail/templates';
import type { CaseActivities } from '../workflows/contract';
import { createCompensations } from './compensations';
import { createEmailDelivery } from './email-delivery';

export interface CaseActivityDeps {
  db: Db;
  mailer: Mailer;
  mailFrom: string;
  publicUrl: string;
}

/** A case missing from the database cannot be helped by retrying: the workflow is told at once. */
async function caseMustExist<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof CaseNotFound) throw ApplicationFailure.create({ type: 'case-not-found', message: err.message, nonRetryable: true });
    throw err;
  }
}

/** The activities of a case workflow: its steps, its committee votes, its emails and its saga's compensations. */
export function createCaseActivities(deps: CaseActivityDeps): CaseActivities {
  const { db, publicUrl } = deps;
  const mailFor: StatusMailFor = (kase, step) => {
    const statusUrl = `${publicUrl}/status?case=${kase.id}`;
    const applicant = renderStatusEmail({
      status: step.status,
      language: kase.language as Language,
      caseId: kase.id,
      nomineeName: kase.nomineeName,
      campaignTitle: kase.campaign.title,
      note: step.note,
      statusUrl,
      noticeEndsAt: kase.campaign.noticeEndsAt,
    });
    if (step.status !== 'announced') return { applicant };
    return { applicant, unit: renderUnitAnnouncement({ caseId: kase.id, nomineeName: kase.nomineeName, campaignTitle: kase.campaign.title, statusUrl }) };
  };
  return {
    recordCaseStep: (step) => caseMustExist(() => recordCaseStep(db, step, mailFor)),
    enterSelectionPool: (step) => caseMustExist(() => enterSelectionPool(db, step, mailFor)),
    recordVote: (vote) => recordVote(db, vote),
    ...createEmailDelivery(deps),
    ...createCompensations(deps),
  };
}
