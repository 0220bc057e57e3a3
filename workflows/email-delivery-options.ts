import type { ActivityOptions } from '@temporalio/workflow';
import { BACKGROUND } from './task-priority';

/**
 * How every email is delivered. The back-off doubles from 2 s and stops growing at 30 s: after a
 * mail outage of any length, the next try comes within 30 s of the server's recovery (an attempt
 * against a dead server gives up within 10 s, see mail/mailer.ts), and a server that is down sees
 * at most two tries a minute per email. Unlimited attempts: an outage never loses an email. Behind
 * every other task of the queue: a case's steps and a staff member's requests go first.
 */
export const emailDeliveryOptions: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds' },
  priority: BACKGROUND,
};
