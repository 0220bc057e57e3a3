import type { History } from './history-json';

/**
 * What the history store needs from Temporal: a workflow's history and whether its latest run is
 * still going. Both answer null once the server no longer holds the workflow.
 */
export interface WorkflowHistories {
  /** The history of one run, or of the latest when no run is given. */
  fetch(workflowId: string, runId?: string): Promise<History | null>;
  describe(workflowId: string): Promise<{ runId: string; running: boolean } | null>;
}
