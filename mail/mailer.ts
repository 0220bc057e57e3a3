import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A mail server that accepts no connection, or never greets, fails the attempt within seconds
 * rather than nodemailer's minutes, well inside the delivery activity's 30 s: the next try then
 * comes on the retry back-off's time, so delivery resumes soon after the server does.
 * Query parameters of the URL (e.g. `?connectionTimeout=30000`) override these.
 */
const TIMEOUTS_MS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** The mail server as a trace names it: host and port, never the URL (it may carry a password). */
function serverOf(smtpUrl: string): { 'server.address': string; 'server.port': number } {
  const url = new URL(smtpUrl);
  return { 'server.address': url.hostname, 'server.port': Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587) };
}

/** A no-op until tracing is started (telemetry/tracing.ts). */
const tracer = trace.getTracer('laurel-mail');

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS_MS });
  const server = serverOf(smtpUrl);
  return {
    async send(mail) {
      // The span says which message went to which server, never to whom or what it says.
      await tracer.startActiveSpan('smtp send', { kind: SpanKind.CLIENT, attributes: { 'network.protocol.name': 'smtp', ...server, 'laurel.message_id': mail.messageId } }, async (span) => {
        try {
          await transport.sendMail(mail);
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          const code = (err as { responseCode?: unknown }).responseCode;
          if (typeof code === 'number') span.setAttribute('laurel.smtp.response_code', code);
          throw err;
        } finally {
          span.end();
        }
      });
    },
    close: () => transport.close(),
  };
}
