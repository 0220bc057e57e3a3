import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';

export interface TaskQueueStats {
  type: 'workflow' | 'activity';
  /** Tasks waiting for a worker (the server's approximation). */
  backlog: number;
  /** How long the oldest waiting task has waited, in seconds; 0 when none waits. */
  backlogAgeSeconds: number;
  /** Workers that polled the queue lately: 0 means nothing will take its tasks. */
  pollers: number;
}

const TYPES = [
  ['workflow', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW],
  ['activity', proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY],
] as const;

function seconds(duration: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  if (!duration) return 0;
  return Number(duration.seconds ?? 0) + (duration.nanos ?? 0) / 1e9;
}

/** The task queue's backlog and pollers, as the Temporal server reports them (`DescribeTaskQueue` with stats). */
export async function taskQueueStats(temporal: Client, taskQueue: string, ms: number): Promise<TaskQueueStats[]> {
  return temporal.withDeadline(Date.now() + ms, () =>
    Promise.all(
      TYPES.map(async ([type, taskQueueType]) => {
        const res = await temporal.workflowService.describeTaskQueue({
          namespace: temporal.options.namespace,
          taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
          taskQueueType,
          reportStats: true,
        });
        return {
          type,
          backlog: Number(res.stats?.approximateBacklogCount ?? 0),
          backlogAgeSeconds: seconds(res.stats?.approximateBacklogAge),
          pollers: res.pollers?.length ?? 0,
        };
      }),
    ),
  );
}
