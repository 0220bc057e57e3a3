import type { Client } from '@temporalio/client';
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { HOUSEKEEPING_SCHEDULE_ID } from '../workflows/contract';
import { housekeepingWorkflow } from '../workflows/housekeeping';

export const HOUSEKEEPING_EVERY = '5m';

/**
 * Makes sure the schedule that runs the housekeeping exists. Every worker calls this when it
 * starts: the first creates it, the others find it; the schedule skips a run while one is going.
 */
export async function ensureHousekeepingSchedule(temporal: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await temporal.schedule.create({
      scheduleId: HOUSEKEEPING_SCHEDULE_ID,
      spec: { intervals: [{ every: HOUSEKEEPING_EVERY }] },
      action: { type: 'startWorkflow', workflowType: housekeepingWorkflow, taskQueue, args: [] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10m' },
      state: { triggerImmediately: true },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
