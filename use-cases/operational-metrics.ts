import type { AuditVerdict } from '../db/audit-anchors';
import { auditSigner, verifyAuditLog } from '../db/audit-anchors';
import type { OperationalCounts } from '../db/operational-metrics';
import { operationalCounts } from '../db/operational-metrics';
import type { TaskQueueStats } from '../gateway/task-queue-stats';
import { taskQueueStats } from '../gateway/task-queue-stats';
import type { UseCaseDeps } from './deps';

/** The audit chain is walked whole, so a scrape reuses a verdict this young and refreshes it behind the answer. */
export const AUDIT_CHAIN_CHECK_EVERY_MS = 10 * 60_000;
/** How long a scrape waits for Temporal, and for the very first chain check. */
const SOURCE_WAIT_MS = 5_000;

export interface OperationalReadings {
  /** What could not be read this time: its figures are left out rather than shown stale. */
  failed: ('database' | 'temporal' | 'audit-chain')[];
  counts?: OperationalCounts;
  taskQueue?: { name: string; stats: TaskQueueStats[] };
  auditChain?: { ok: boolean; entries: number; checkedAt: Date };
}

/**
 * What `/metrics` reports about the work itself, read when it is scraped: tasks open and overdue,
 * cases per status and campaign, the outbox, the task queue's backlog and the audit chain's verdict.
 */
export function operationalMetrics({ db, config, temporal }: UseCaseDeps) {
  const signer = auditSigner(config);
  let verdict: { result: AuditVerdict; checkedAt: Date } | undefined;
  let checking: Promise<void> | undefined;
  let chainUnreadable = false;

  const checkChain = () =>
    (checking ??= verifyAuditLog(db, signer)
      .then((result) => {
        verdict = { result, checkedAt: new Date() };
        chainUnreadable = false;
      })
      .catch(() => {
        chainUnreadable = true;
      })
      .finally(() => {
        checking = undefined;
      }));

  return {
    async read(now = new Date()): Promise<OperationalReadings> {
      const failed: OperationalReadings['failed'] = [];
      if (!verdict || now.getTime() - verdict.checkedAt.getTime() >= AUDIT_CHAIN_CHECK_EVERY_MS) {
        const check = checkChain();
        if (!verdict) await Promise.race([check, new Promise((resolve) => setTimeout(resolve, SOURCE_WAIT_MS).unref())]);
      }
      const [counts, stats] = await Promise.all([
        operationalCounts(db, now).catch(() => undefined),
        taskQueueStats(temporal, config.temporal.taskQueue, SOURCE_WAIT_MS).catch(() => undefined),
      ]);
      if (!counts) failed.push('database');
      if (!stats) failed.push('temporal');
      if (chainUnreadable || !verdict) failed.push('audit-chain');
      return {
        failed,
        ...(counts && { counts }),
        ...(stats && { taskQueue: { name: config.temporal.taskQueue, stats } }),
        ...(verdict && !chainUnreadable && { auditChain: { ok: verdict.result.ok, entries: verdict.result.entries, checkedAt: verdict.checkedAt } }),
      };
    },
  };
}
