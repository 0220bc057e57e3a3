// The API records what the workflow cannot, such as refused attempts, on the same hash chain as the worker.
export { appendAuditEntry as appendAudit } from '../db/audit-log';
export type { AuditEvent } from '../db/audit-log';
