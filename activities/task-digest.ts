import { committeesOf } from '../db/campaigns';
import type { Db } from '../db/client';
import type { DigestRecipient } from '../db/task-digest';
import { digestRecipients, queueDigest, tasksArrivedIn, unsentEmail, votedBy } from '../db/task-digest';
import { canActOnTask, groupsOf, mustRecuse } from '../domain/access';
import type { TaskKind } from '../domain/tasks';
import { TASK_KINDS } from '../domain/tasks';
import { renderTaskDigest } from '../mail/digest';
import type { EmailIdentity } from '../mail/outbox-key';
import type { TaskDigestActivities } from '../workflows/contract';

export const TASK_DIGEST_TEMPLATE = 'task-digest';

/** The roles that act on tasks (secretariat, working group, branch, committee): the ones told of them. */
const REVIEWER_ROLES = new Set<string>(Object.values(TASK_KINDS).map((rule) => rule.role));

/** The hour a digest belongs to, `2026-11-30T13` (UTC): one digest per reviewer in each. */
function hourOf(at: Date): string {
  return at.toISOString().slice(0, 13);
}

function startOfHour(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
}

/** The open tasks that arrived for the reviewer in (since, at] and that they may act on, recusal applied. */
async function arrivedFor(db: Db, { user }: DigestRecipient, since: Date, at: Date) {
  const committeeCampaigns = user.roles.includes('committee') ? await committeesOf(db, user.id) : [];
  const arrived = await tasksArrivedIn(db, {
    groups: groupsOf(user).filter((g) => g !== 'committee'),
    committeeCampaigns,
    withEscalated: user.roles.includes('secretariat'),
    after: since,
    until: at,
  });
  const voted = user.roles.includes('committee') ? await votedBy(db, user.id, arrived.map((t) => t.id)) : new Set<string>();
  return arrived.filter((t) => canActOnTask(user, t, committeeCampaigns) && !mustRecuse(user, t.case) && !voted.has(t.id));
}

/**
 * Every reviewer hears once an hour at most of the tasks that arrived for them since their last
 * digest (since the account was made, before the first); a reviewer with nothing new hears nothing.
 */
export function createTaskDigestActivities({ db, publicUrl }: { db: Db; publicUrl: string }): TaskDigestActivities {
  return {
    async queueTaskDigests({ at: atIso }) {
      const at = new Date(atIso);
      const outboxIds: string[] = [];
      for (const recipient of await digestRecipients(db)) {
        if (!recipient.user.roles.some((r) => REVIEWER_ROLES.has(r))) continue;
        const identity: EmailIdentity = { about: `user:${recipient.user.id}`, occasion: hourOf(at), template: TASK_DIGEST_TEMPLATE, recipient: recipient.email };
        if (recipient.lastDigestAt && recipient.lastDigestAt >= startOfHour(at)) {
          // This hour's digest is queued already; a retried run still delivers it if it is not out yet.
          const unsent = await unsentEmail(db, identity);
          if (unsent) outboxIds.push(unsent);
          continue;
        }
        const tasks = await arrivedFor(db, recipient, recipient.lastDigestAt ?? recipient.createdAt, at);
        if (tasks.length === 0) continue;
        const mail = renderTaskDigest({
          displayName: recipient.user.displayName ?? recipient.user.username,
          tasks: tasks.map((t) => ({ kind: t.kind as TaskKind, campaignTitle: t.case.campaign.title, summary: t.summary, dueAt: t.dueAt })),
          inboxUrl: `${publicUrl}/inbox`,
        });
        outboxIds.push(await queueDigest(db, recipient.user.id, { ...identity, caseId: identity.about, ...mail }, at));
      }
      return outboxIds;
    },
  };
}
