import type { Language } from '../../domain/channels';
import type { DecodedEvent } from '../history-events';
import type { Told } from './history-item';
import type { NameOf } from './people';

export type TimerKind = 'submission' | 'notice' | 'reserve' | 'other';

/** Where an email came from: the step that queued it (its status), or a compensation. */
export interface EmailOrigin {
  seq?: number;
  status?: string;
  compensation?: string;
}

/**
 * What the narration of a workflow's events knows at each event: the reader's language, and what
 * earlier events said that later ones refer to (an activity's completion names only its scheduling).
 */
export interface WorkflowScene {
  language: Language;
  nameOf: NameOf;
  system: string;
  /** Tasks opened so far, by id: a decision names only its task. */
  taskKinds: Map<string, string>;
  scheduledActivities: Map<number, DecodedEvent>;
  acceptedUpdates: Map<number, DecodedEvent>;
  timers: Map<string, { kind: TimerKind; fireAt: string }>;
  /** The status of the last step written. */
  status?: string;
  /**
   * What the workflow is acting on, newest last (the start, an Update until it completes, a Signal,
   * a timer that fired): a step with no more particular cause carries out the newest.
   */
  causes: string[];
  /** Emails by outbox id, from the step or compensation that queued them. */
  emails: Map<string, EmailOrigin>;
  /** A withdrawal or a disqualification has begun: the saga's steps belong to its stage. */
  interruption?: 'withdrawn' | 'disqualified';
  /** The last compensation that failed for good: the incident the workflow opens for it follows. */
  failedCompensation?: string;
}

/** Tells one workflow event, or nothing for the bookkeeping a person does not need. */
export type EventNarrator = (event: DecodedEvent, scene: WorkflowScene) => Told | undefined;

/** The cause a step with no more particular one carries out. */
export function currentCause(scene: WorkflowScene): string | undefined {
  return scene.causes.at(-1);
}
