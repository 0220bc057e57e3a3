import type { Client } from '@temporalio/client';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { RateCounters } from '../db/rate-limits';
import type { CampaignWorkflows } from '../gateway/campaign-workflows';
import type { CaseWorkflows } from '../gateway/case-workflows';
import type { EmailWorkflows } from '../gateway/email-workflows';

/** What the use cases work with: the database, the configuration, and the gateways to the workflows. */
export interface UseCaseDeps {
  db: Db;
  config: Config;
  cases: CaseWorkflows;
  campaigns: CampaignWorkflows;
  emails: EmailWorkflows;
  /** The Temporal client itself, for what reads workflows rather than calling them: health, histories, replay. */
  temporal: Client;
  /** Requests counted per client address, shared by every API process: the HTTP edge's rate limits. */
  rateCounters: RateCounters;
}
