import type { LogEntry, LogLevel, RuntimeOptions } from '@temporalio/worker';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Logger } from './logging';
import { caseIdOfWorkflow, logger } from './logging';

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** One SDK entry as a line: its metadata (workflow, activity, attempt…) as fields, the case derived from the workflow id. */
export function writeSdkEntry(log: Logger, { level, message, meta }: LogEntry): void {
  const { error, failure, ...fields } = (meta ?? {}) as Record<string, unknown>;
  const caseId = caseIdOfWorkflow(typeof fields.workflowId === 'string' ? fields.workflowId : undefined);
  const err = error ?? failure;
  log[LEVELS[level]]({ ...fields, ...(caseId && { caseId }), ...(err !== undefined && { err }) }, message);
}

/** Lines that workflow and activity code log (`log` of @temporalio/workflow or /activity), as against the SDK's own. */
const LAUREL_COMPONENTS = new Set(['workflow', 'activity']);

/**
 * The SDK's log, through the process's logger, redacted like every other line (an activity's
 * failure can quote the values that caused it; database drivers do). What workflows and activities
 * log is kept from INFO up; the SDK's own lines from `level` up: it logs each bundling and state
 * change at INFO. `telemetryOptions` (the SDK's own metrics) go to the same, one-time install.
 */
export function installRuntimeLogger(level: 'INFO' | 'WARN', telemetryOptions?: RuntimeOptions['telemetryOptions']): void {
  const log = logger({ component: 'temporal' });
  const sdkOwnQuiet = level === 'WARN';
  const write = (entry: LogEntry) => {
    if (sdkOwnQuiet && entry.level === 'INFO' && !LAUREL_COMPONENTS.has(String(entry.meta?.sdkComponent))) return;
    writeSdkEntry(log, entry);
  };
  // One Runtime per process, installed once: the SDK's metrics exporter (telemetry/sdk-metrics.ts) rides along.
  Runtime.install({ logger: new DefaultLogger('INFO', write), ...(telemetryOptions && { telemetryOptions }) });
}
