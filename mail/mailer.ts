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

export function createSmtpMailer(smtpUrl: string): Mailer {
  const transport = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS_MS });
  return {
    async send(mail) {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}
