/**
 * The key that names one email for good: what it is about (a case, a campaign), the occasion (the
 * case's step number, a deadline), the template and the recipient. The outbox stores each key once,
 * so however often a step or an activity is retried, the email is queued once.
 */
export interface EmailIdentity {
  about: string;
  occasion: string | number;
  template: string;
  recipient: string;
}

export function outboxKey({ about, occasion, template, recipient }: EmailIdentity): string {
  return `${about}:${occasion}:${template}:${recipient}`;
}

/** The template of the status email a case sends when it reaches `status`. */
export function statusTemplate(status: string): string {
  return `status:${status}`;
}
