import type { Client } from '@temporalio/client';

/** Whether the Temporal server answers within `ms`. */
export async function temporalReachable(temporal: Client, ms: number): Promise<boolean> {
  try {
    await temporal.withDeadline(Date.now() + ms, () => temporal.workflowService.getSystemInfo({}));
    return true;
  } catch {
    return false;
  }
}
