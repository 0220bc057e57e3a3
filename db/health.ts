import type { Db } from './client';

/** Whether the database answers a trivial query within `ms`. */
export async function databaseReachable(db: Db, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)));
  try {
    await Promise.race([db.$queryRawUnsafe('SELECT 1'), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
