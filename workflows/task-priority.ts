import type { ActivityOptions } from '@temporalio/workflow';

type Priority = NonNullable<ActivityOptions['priority']>;

// Temporal takes a task queue's waiting tasks in the order of their priority key, 1 first, 5 last;
// unset is 3, and a workflow's activities inherit its key. A campaign's emails number seven a case:
// behind a backlog of them, a staff member's request would wait minutes (a 2,000-case campaign's
// committee round took 386 s to close).

/** Work a staff member waits on as a whole: closing the committee round, telling cases of a new quorum. */
export const STAFF_WAITING: Priority = { priorityKey: 1 };

/** Work nobody waits on at the screen: emails, whose delay of minutes is no harm. */
export const BACKGROUND: Priority = { priorityKey: 5 };
