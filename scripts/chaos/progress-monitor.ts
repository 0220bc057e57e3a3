import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosSystem } from './chaos-system';

/** What moving forward means: a case taking a workflow step, or an email reaching the mail server. */
export type ProgressKind = 'steps' | 'mail';

const POLL_MS = 250;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Watches the system from outside, four times a second: whether the API answers `/healthz` (it
 * reaches Temporal and the database), the workflow steps the campaign's cases have taken (their
 * `lastSeq`, read from the database) and the emails the mail server holds. Recovery after a fault
 * is measured from these marks.
 */
export class ProgressMonitor {
  private readonly marks: Record<ProgressKind | 'answering', number[]> = { steps: [], mail: [], answering: [] };
  private readonly halt = new AbortController();
  private running?: Promise<void>;
  private campaignId?: string;
  private last = { steps: 0, mail: 0 };

  constructor(private readonly system: ChaosSystem) {}

  start(): void {
    this.running = this.loop();
  }

  watchCampaign(campaignId: string): void {
    this.campaignId = campaignId;
  }

  async stop(): Promise<void> {
    this.halt.abort();
    await this.running;
  }

  /** From `since` until the API answered and the system moved forward (`kind`), or undefined if it never did. */
  recoveryMs(since: number, kind: ProgressKind): number | undefined {
    const answering = this.marks.answering.find((t) => t >= since);
    const progress = this.marks[kind].find((t) => t >= since);
    if (answering === undefined || progress === undefined) return undefined;
    return Math.max(answering, progress) - since;
  }

  private async loop(): Promise<void> {
    while (!this.halt.signal.aborted) {
      const [answering, steps, mail] = await Promise.all([this.answering(), this.steps(), this.caughtMail()]);
      const now = Date.now();
      if (answering) this.marks.answering.push(now);
      if (steps !== undefined && steps > this.last.steps) {
        this.marks.steps.push(now);
        this.last.steps = steps;
      }
      if (mail !== undefined && mail > this.last.mail) {
        this.marks.mail.push(now);
        this.last.mail = mail;
      }
      await sleep(POLL_MS, undefined, { signal: this.halt.signal }).catch(() => {});
    }
  }

  private async answering(): Promise<boolean> {
    try {
      const res = await fetch(`${this.system.baseUrl}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async steps(): Promise<number | undefined> {
    if (!this.campaignId) return undefined;
    try {
      const sum = await this.system.db.case.aggregate({ where: { campaignId: this.campaignId }, _sum: { lastSeq: true } });
      return sum._sum.lastSeq ?? 0;
    } catch {
      return undefined;
    }
  }

  private async caughtMail(): Promise<number | undefined> {
    try {
      return (await fs.promises.readdir(this.system.mailDir)).filter((f) => f.endsWith('.json')).length;
    } catch {
      return undefined;
    }
  }
}
