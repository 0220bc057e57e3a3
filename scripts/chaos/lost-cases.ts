import { Connection } from '@temporalio/client';
import { decodeFailure } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import { encryptingDataConverter, parsePayloadKeys } from '../../config/payload-codec';
import { caseWorkflowId } from '../../workflows/contract';
import type { ChaosSystem } from './chaos-system';

/** Enough to show what holds cases back; the rest are like them. */
const CASES_DESCRIBED = 3;
/** The last events of a lost case's history: where its workflow stopped. */
const LAST_EVENTS = 6;

/**
 * Where each of the first few lost cases stands, in one line each, as evidence for whoever fixes
 * it: the case row and its tasks (the database), and its workflow (Temporal): running or not, its
 * pending activities with their attempts and last failure (decrypted), a workflow task stuck, and
 * the last events of its history.
 */
export async function describeLostCases(system: ChaosSystem, caseIds: string[]): Promise<string[]> {
  const chosen = caseIds.slice(0, CASES_DESCRIBED);
  if (!chosen.length) return [];
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address: system.temporalAddress, connectTimeout: 3_000 });
  } catch {
    // Temporal down: the database's side alone still says something.
  }
  try {
    return await Promise.all(chosen.map(async (caseId) => `lost case ${caseId}: ${await fromDatabase(system, caseId)}; ${await fromTemporal(system, connection, caseId)}`));
  } finally {
    await connection?.close();
  }
}

async function fromDatabase(system: ChaosSystem, caseId: string): Promise<string> {
  const row = await system.db.case.findUnique({ where: { id: caseId }, select: { status: true, lastSeq: true } });
  if (!row) return 'not in the database';
  const tasks = await system.db.task.findMany({ where: { caseId }, select: { kind: true, status: true }, orderBy: { createdAt: 'asc' } });
  const outbox = await system.db.outbox.groupBy({ by: ['status'], where: { caseId }, _count: true });
  return (
    `${row.status} (step ${row.lastSeq}); tasks ${tasks.map((t) => `${t.kind} ${t.status}`).join(', ') || 'none'}; ` +
    `emails ${outbox.map((o) => `${o._count} ${o.status}`).join(', ') || 'none'}`
  );
}

async function fromTemporal(system: ChaosSystem, connection: Connection | undefined, caseId: string): Promise<string> {
  if (!connection) return 'Temporal does not answer';
  try {
    const described = await connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: caseWorkflowId(caseId) } });
    const info = described.workflowExecutionInfo;
    const status = temporal.api.enums.v1.WorkflowExecutionStatus[info?.status ?? 0] ?? 'unknown';
    const { payloadCodecs = [] } = encryptingDataConverter(parsePayloadKeys(system.payloadKey));
    const pending = await Promise.all(
      (described.pendingActivities ?? []).map(async (a) => {
        const failure = a.lastFailure ? (await decodeFailure(payloadCodecs, a.lastFailure)).message : undefined;
        return `${a.activityType?.name} attempt ${a.attempt}${failure ? ` (last failure: ${failure.slice(0, 200)})` : ''}`;
      }),
    );
    const task = described.pendingWorkflowTask;
    return (
      `workflow ${status.replace('WORKFLOW_EXECUTION_STATUS_', '').toLowerCase()}, ${info?.historyLength ?? '?'} events` +
      (pending.length ? `; pending ${pending.join(', ')}` : '; no pending activity') +
      (task ? `; a workflow task pending, attempt ${task.attempt}` : '') +
      `; last events ${await lastEvents(connection, caseId)}`
    );
  } catch (err) {
    return `workflow not described: ${err instanceof Error ? err.message : err}`;
  }
}

/** The types of the history's last events, oldest first: "ActivityTaskCompleted, TimerStarted, …". */
async function lastEvents(connection: Connection, caseId: string): Promise<string> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: caseWorkflowId(caseId) }, nextPageToken });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  const name = (type: temporal.api.enums.v1.EventType | null | undefined) =>
    (temporal.api.enums.v1.EventType[type ?? 0] ?? 'unknown').replace('EVENT_TYPE_', '').toLowerCase().replace(/(^|_)(.)/g, (_, __, c: string) => c.toUpperCase());
  return events.slice(-LAST_EVENTS).map((e) => name(e.eventType)).join(', ');
}
