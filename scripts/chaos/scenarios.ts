import { setTimeout as sleep } from 'node:timers/promises';
import type { ChaosSystem, PartName } from './chaos-system';
import type { ProgressKind } from './progress-monitor';

export const SCENARIO_NAMES = ['temporal', 'mail', 'worker', 'api'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  /** For the README and the log: what is done to the system. */
  fault: string;
  /** What "progressing again" means after this fault. */
  progress: ProgressKind;
  /** Breaks the system and mends it; resolves with the moment the fault ended (the part started again), once it is up. */
  inject: (system: ChaosSystem, say: (line: string) => void) => Promise<number>;
}

/** SIGKILL to the part's PID, `downMs` with it gone, then the same part started again on the same port and state. */
function killAndRestart(part: PartName, downMs: number) {
  return async (system: ChaosSystem, say: (line: string) => void): Promise<number> => {
    const process = system.parts[part];
    say(`SIGKILL to ${part} (pid ${process.pid})`);
    await process.signal('SIGKILL');
    // The outage itself: how long the part stays away is the scenario, not a wait for an event.
    await sleep(downMs);
    const endedAt = Date.now();
    say(`starting ${part} again after ${downMs / 1000} s down`);
    await process.start();
    say(`${part} is up again (pid ${process.pid}) ${((Date.now() - endedAt) / 1000).toFixed(1)} s after its start`);
    return endedAt;
  };
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  temporal: {
    name: 'temporal',
    fault: 'the Temporal server SIGKILLed, down 10 s, started again on its database file',
    progress: 'steps',
    inject: killAndRestart('temporal', 10_000),
  },
  mail: {
    name: 'mail',
    fault: 'the mail server SIGKILLed, down 10 s, started again',
    progress: 'mail',
    inject: killAndRestart('mail', 10_000),
  },
  worker: {
    name: 'worker',
    fault: 'the worker SIGKILLed, down 2 s, started again',
    progress: 'steps',
    inject: killAndRestart('worker', 2_000),
  },
  api: {
    name: 'api',
    fault: 'the API SIGKILLed, down 5 s, started again',
    progress: 'steps',
    inject: killAndRestart('api', 5_000),
  },
};
