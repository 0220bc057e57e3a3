// Loaded only into the replay worker's bundle (api/replay.ts), never into the production workers':
// it reports, through a sink, what the current workflow code asks its activities to do while it
// replays a recorded history. Interceptors and sinks add no commands, so replay stays exact.
import { proxySinks } from '@temporalio/workflow';
import type { Sinks, WorkflowInterceptorsFactory } from '@temporalio/workflow';

export interface ReplayTraceSinks extends Sinks {
  replayTrace: {
    /** An activity call whose outcome the history holds; `input` is its first argument as this code computed it. */
    activity(activityType: string, input: unknown, outcome: 'completed' | 'failed', result: unknown): void;
    /** The workflow function returned (or threw) within the history. */
    ended(outcome: 'completed' | 'failed', result: unknown): void;
  };
}

const { replayTrace } = proxySinks<ReplayTraceSinks>();

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      async scheduleActivity(input, next) {
        try {
          const result = await next(input);
          replayTrace.activity(input.activityType, input.args[0], 'completed', result);
          return result;
        } catch (err) {
          replayTrace.activity(input.activityType, input.args[0], 'failed', undefined);
          throw err;
        }
      },
    },
  ],
  inbound: [
    {
      async execute(input, next) {
        try {
          const result = await next(input);
          replayTrace.ended('completed', result);
          return result;
        } catch (err) {
          replayTrace.ended('failed', err instanceof Error ? err.message : String(err));
          throw err;
        }
      },
    },
  ],
});
