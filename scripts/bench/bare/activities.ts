import type { Transporter } from 'nodemailer';
import type { BareActivities } from './contract';
import type { BareStore } from './store';

/** The bare case's activities: a step or a vote is one row; an email is one SMTP conversation. */
export function createBareActivities({ store, mail, from }: { store: BareStore; mail: Transporter; from: string }): BareActivities {
  return {
    recordStep: (step) => store.recordStep(step),
    recordVote: (vote) => store.recordVote(vote),
    async deliverEmail({ caseId, seq, status, to }) {
      await mail.sendMail({
        from,
        to,
        subject: `[bench] ${caseId}: ${status}`,
        text: `Case ${caseId} is now ${status}.`,
        messageId: `<bare-${caseId}-${seq}@bench>`,
      });
    },
  };
}
