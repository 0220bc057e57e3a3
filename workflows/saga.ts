import type { Compensation } from './contract';

/**
 * The completed steps a disqualification must undo. Each stage registers the compensation of what
 * it has just done; undoing runs them newest first.
 */
export class Saga {
  private readonly completed: Compensation[] = [];

  /** Registers the compensations of a step that has just been completed. */
  add(...compensations: Compensation[]): void {
    this.completed.push(...compensations);
  }

  /** What to undo, most recent first. */
  toUndo(): Compensation[] {
    return [...this.completed].reverse();
  }
}
