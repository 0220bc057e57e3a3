import type { StaffUser } from '../domain/access';
import type { EmailIdentity } from '../mail/outbox-key';
import { outboxKey } from '../mail/outbox-key';
import type { Db } from './client';
import type { QueuedEmail } from './outbox';
import { queueEmail } from './outbox';
import { toStaffUser } from './users';

/** An account that may be sent a digest: active, with an address, notifications on. */
export interface DigestRecipient {
  user: StaffUser;
  email: string;
  lastDigestAt: Date | null;
  createdAt: Date;
}

/** Active accounts with an email address that have not turned their notifications off; the caller picks the reviewers. */
export async function digestRecipients(db: Db): Promise<DigestRecipient[]> {
  const rows = await db.user.findMany({
    where: { disabled: false, notifyByEmail: true, email: { not: null } },
    include: { unit: true },
    orderBy: { username: 'asc' },
  });
  return rows.map((row) => ({ user: toStaffUser(row), email: row.email!, lastDigestAt: row.lastDigestAt, createdAt: row.createdAt }));
}

export interface ArrivalWindow {
  /** Task groups other than the committee (`secretariat`, `working-group:catering`…). */
  groups: string[];
  /** The user's committee campaigns: their committee tasks arrive too. */
  committeeCampaigns: string[];
  /** Escalated review tasks arrive in the secretariat's inbox when they are escalated. */
  withEscalated: boolean;
  after: Date;
  until: Date;
}

/**
 * Open tasks that came into these groups' inboxes in (after, until]: opened then, or (for the
 * secretariat) escalated then. The caller applies the access rules task by task.
 */
export async function tasksArrivedIn(db: Db, w: ArrivalWindow) {
  const window = { gt: w.after, lte: w.until };
  return db.task.findMany({
    where: {
      status: 'open',
      OR: [
        { candidateGroup: { in: w.groups }, createdAt: window },
        ...(w.committeeCampaigns.length ? [{ candidateGroup: 'committee', campaignId: { in: w.committeeCampaigns }, createdAt: window }] : []),
        ...(w.withEscalated ? [{ escalatedAt: window }] : []),
      ],
    },
    orderBy: [{ dueAt: 'asc' }, { priority: 'desc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      kind: true,
      campaignId: true,
      candidateGroup: true,
      escalatedAt: true,
      summary: true,
      dueAt: true,
      case: { select: { recommendingUnit: true, campaign: { select: { title: true } } } },
    },
  });
}

/** Of these tasks, the ones the committee member has already voted on (they leave the member's inbox). */
export async function votedBy(db: Db, memberId: string, taskIds: readonly string[]): Promise<Set<string>> {
  if (taskIds.length === 0) return new Set();
  const votes = await db.committeeVote.findMany({ where: { memberId, taskId: { in: [...taskIds] } }, select: { taskId: true } });
  return new Set(votes.map((v) => v.taskId));
}

/**
 * Queues the digest and records it as the account's last, in one transaction: a digest is never
 * queued without the account knowing it was, and the email's key keeps a retry from queueing it twice.
 */
export async function queueDigest(db: Db, userId: string, email: QueuedEmail, at: Date): Promise<string> {
  return db.$transaction(async (tx) => {
    const outboxId = await queueEmail(tx, email);
    await tx.user.update({ where: { id: userId }, data: { lastDigestAt: at } });
    return outboxId;
  });
}

/** The outbox id of this email while it still waits to be sent (an attempt whose answer was lost queued it). */
export async function unsentEmail(db: Db, identity: EmailIdentity): Promise<string | null> {
  const row = await db.outbox.findUnique({ where: { key: outboxKey(identity) }, select: { id: true, status: true } });
  return row && (row.status === 'pending' || row.status === 'sending') ? row.id : null;
}
