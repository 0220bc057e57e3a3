import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { TASK_DIGEST_SCHEDULE_ID } from '../workflows/contract';
import { taskDigestWorkflow } from '../workflows/task-digest';

export const TASK_DIGEST_EVERY = '1h';

/**
 * Makes sure the schedule of reviewers' hourly digest exists. Every worker calls this when it
 * starts: the first creates it, the others find it; a run still going when the next is due is skipped.
 */
export async function ensureTaskDigestSchedule(temporal: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await temporal.schedule.create({
      scheduleId: TASK_DIGEST_SCHEDULE_ID,
      spec: { intervals: [{ every: TASK_DIGEST_EVERY }] },
      action: { type: 'startWorkflow', workflowType: taskDigestWorkflow, taskQueue, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10m' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
