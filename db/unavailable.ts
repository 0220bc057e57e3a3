/**
 * Prisma's codes for a database that cannot be reached or did not answer in time: P1001/P1002
 * unreachable, P1008 timed out, P1017 connection closed, P2024 no pooled connection in time, P2028
 * no transaction in time. The driver adapters' own error kinds for the same, when they surface raw.
 */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028']);
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionAlreadyClosed']);
/**
 * The same as the drivers report it to Laurel's direct SQL (db/direct-sql.ts): the socket's errors,
 * PostgreSQL's connection exceptions (08…), shutdown and start-up (57P01–57P03) and too many
 * connections (53300), SQLite's lock held past the busy timeout.
 */
const UNAVAILABLE_DRIVER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300', 'SQLITE_BUSY']);
const isConnectionException = (code: string) => /^08[0-9A-Z]{3}$/.test(code);
/** pg's words for a connection that ended under it; they come without a code. */
const CONNECTION_ENDED = /^Connection terminated|^Client has encountered a connection error/;

/** Whether a failure is the database's outage or overload, not the request's fault: worth a retry later. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const error = err as { code?: unknown; cause?: { kind?: unknown }; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  if (!error || typeof error !== 'object') return false;
  if (typeof error.code === 'string' && (UNAVAILABLE_CODES.has(error.code) || UNAVAILABLE_DRIVER_CODES.has(error.code) || isConnectionException(error.code))) return true;
  if (err instanceof Error && CONNECTION_ENDED.test(err.message)) return true;
  const kind = error.cause?.kind ?? error.meta?.driverAdapterError?.cause?.kind;
  return typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind);
}
