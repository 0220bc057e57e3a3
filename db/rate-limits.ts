import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from './client';

/** How many requests one client address may make in a window; `name` keeps each limit's counts apart. */
export interface RateLimit {
  name: string;
  limit: number;
  windowMs: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Counts one request from an address against its limit. */
export type RateCounter = (address: string) => Promise<RateVerdict>;

/** Makes the counter of a limit. */
export type RateCounters = (limit: RateLimit) => RateCounter;

/**
 * Request counters kept in Laurel's database (rate-limiter-flexible's Prisma store), so that every
 * API process counts the same requests. While the database cannot be reached each process counts
 * in memory on its own and says so once in the log: a limit that is briefly per process is better
 * than refusing everyone, or no limit at all.
 */
export function sharedRateCounters(db: Db, log: (line: string) => void): RateCounters {
  const outage = outageReport(log);
  const sweep = expiredCountsSweep(db);
  return ({ name, limit, windowMs }) => {
    const options = { keyPrefix: name, points: limit, duration: windowMs / 1000 };
    const shared = new RateLimiterPrisma({
      ...options,
      storeClient: db,
      // The store calls `client[tableName]`: the model's delegate, not its name.
      tableName: 'rateLimiterFlexible',
      // Its own sweep runs on a timer that outlives the client (and a test's database): see expiredCountsSweep.
      clearExpiredByTimeout: false,
      // An address already refused is refused from memory until its window ends: a flood costs each process one write.
      inMemoryBlockOnConsumed: limit + 1,
    });
    const local = new RateLimiterMemory(options);
    return async (address) => {
      let verdict: RateVerdict;
      try {
        verdict = await consume(shared, address);
      } catch (err) {
        outage.began(err);
        return consume(local, address);
      }
      outage.ended();
      sweep();
      return verdict;
    };
  };
}

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * Deletes the counts whose window has ended, at most every five minutes, when a request comes:
 * the store deletes an address's old count only when that address comes back.
 */
function expiredCountsSweep(db: Db): () => void {
  let last = 0;
  return () => {
    if (Date.now() - last < SWEEP_EVERY_MS) return;
    last = Date.now();
    // Not awaited, and a failure is only retried at the next sweep: the request does not wait for it.
    db.rateLimiterFlexible.deleteMany({ where: { expire: { lt: new Date() } } }).catch(() => {});
  };
}

async function consume(limiter: RateLimiterAbstract, address: string): Promise<RateVerdict> {
  try {
    await limiter.consume(address);
    return { allowed: true };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { allowed: false, retryAfterMs: refusal.msBeforeNext };
    throw refusal;
  }
}

/** One log line when the shared counts are lost and one when they are back, however many requests meet the outage. */
function outageReport(log: (line: string) => void) {
  let down = false;
  return {
    began(err: unknown) {
      if (down) return;
      down = true;
      const reason = (err instanceof Error ? err.message : String(err)).trim().split('\n').at(-1);
      log(`rate limits: the database cannot be reached (${reason}); each API process counts on its own until it can`);
    },
    ended() {
      if (!down) return;
      down = false;
      log('rate limits: the database is back; the counts are shared again');
    },
  };
}
