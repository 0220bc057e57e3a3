import type { Span } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { DirectSql, SqlReader, SqlTx, SqlValue } from './direct-sql';

const tracer = trace.getTracer('laurel-sql');

/** The statement's first word: `sql:select`, `sql:update`… */
const spanName = (text: string) => `sql:${/^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? 'statement'}`;

function within<T>(name: string, attributes: Record<string, string>, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span: Span) => {
    try {
      return await work();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
      throw err;
    } finally {
      span.end();
    }
  });
}

/**
 * Direct SQL with a span for each transaction and each statement, as Prisma's instrumentation gives
 * its queries: the statement's text with its placeholders, never its values. Without a tracer
 * registered (telemetry/tracing.ts) the spans cost next to nothing.
 */
export function tracedSql(sql: DirectSql, system: 'sqlite' | 'postgresql'): DirectSql {
  const statement = <R>(text: string, run: () => Promise<R>) => within(spanName(text), { 'db.system': system, 'db.query.text': text }, run);
  const reading = (reader: SqlReader) => <T>(text: string, params?: readonly SqlValue[]) => statement(text, () => reader.rows<T>(text, params));
  const inTx = (tx: SqlTx): SqlTx => ({ onPostgres: tx.onPostgres, rows: reading(tx), run: (text, params) => statement(text, () => tx.run(text, params)) });
  return {
    rows: reading(sql),
    transaction: (work) => within('sql:transaction', { 'db.system': system }, () => sql.transaction((tx) => work(inTx(tx)))),
    close: () => sql.close(),
  };
}
