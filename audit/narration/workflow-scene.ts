import type { Language } from '../../domain/channels';
import type { DecodedEvent } from '../history-events';
import type { Told } from './history-item';
import type { NameOf } from './people';

export type TimerKind = 'submission' | 'notice' | 'reserve' | 'other';

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
}

/** Tells one workflow event, or nothing for the bookkeeping a person does not need. */
export type EventNarrator = (event: DecodedEvent, scene: WorkflowScene) => Told | undefined;
