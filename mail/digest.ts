import type { TaskKind } from '../domain/tasks';
import { TASK_KIND_LABELS } from '../domain/vocabulary';

/** One task as a digest lists it: nothing of the nominee beyond what the task's summary shows. */
export interface DigestTask {
  kind: TaskKind;
  campaignTitle: string;
  /** The task's summary: nominee · recommending unit · field. */
  summary: string;
  dueAt: Date;
}

export interface TaskDigestContext {
  displayName: string;
  tasks: DigestTask[];
  inboxUrl: string;
}

/** A long digest names the rest by count: the inbox has them all. */
export const DIGEST_LISTED_TASKS = 30;

const SITE = '最美后勤人评选平台';

/** `2026-12-02 18:00` in Beijing time, the same for both languages. */
function beijingMinute(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * A reviewer's digest of the tasks that arrived in their inbox since the last one, soonest due
 * first. Chinese first, English after; the list is shared, each kind named in both.
 */
export function renderTaskDigest(c: TaskDigestContext): { subject: string; text: string } {
  const tasks = [...c.tasks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const n = tasks.length;
  const soonest = beijingMinute(tasks[0].dueAt);
  const listed = tasks.slice(0, DIGEST_LISTED_TASKS).map((t, i) => {
    const kind = TASK_KIND_LABELS[t.kind];
    return `${i + 1}. ${kind.zh} / ${kind.en}｜${t.campaignTitle}｜${t.summary}｜截止 Due ${beijingMinute(t.dueAt)}`;
  });
  const more = n - listed.length;
  return {
    subject: `【${SITE}】您有 ${n} 项新的待办任务 / ${n} new task${n === 1 ? '' : 's'} in your inbox`,
    text: [
      `${c.displayName}，您好：`,
      `自上次提醒以来，您的待办箱新到 ${n} 项任务，最早于 ${soonest}（北京时间）截止。按截止时间排列如下：`,
      '',
      `Hello ${c.displayName},`,
      `${n} new task${n === 1 ? ' has' : 's have'} arrived in your inbox since the last reminder; the soonest is due ${soonest} (Beijing time). Soonest due first:`,
      '',
      ...listed,
      ...(more > 0 ? [`……另有 ${more} 项，请在待办箱查看 / and ${more} more in your inbox`] : []),
      '',
      `前往待办箱 / Open your inbox: ${c.inboxUrl}`,
      '',
      '每小时至多一封。如不需要此类提醒，可在账号设置中关闭邮件通知。',
      'At most one such email an hour. To stop them, turn off email notifications in your account settings.',
    ].join('\n'),
  };
}
