/** How far the clients of a chaos run have got; the fault waits on it to strike mid-flight. */
export class FlowProgress {
  submitted = 0;
  decided = 0;
  private readonly waiting = new Set<() => void>();

  submission(): void {
    this.submitted++;
    this.changed();
  }

  decision(): void {
    this.decided++;
    this.changed();
  }

  /** Resolves once `reached` holds; rejects if `signal` aborts first. */
  when(reached: (p: FlowProgress) => boolean, signal: AbortSignal): Promise<void> {
    if (reached(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!reached(this)) return;
        this.waiting.delete(check);
        resolve();
      };
      this.waiting.add(check);
      signal.addEventListener(
        'abort',
        () => {
          this.waiting.delete(check);
          reject(new Error('the cases never got that far'));
        },
        { once: true },
      );
    });
  }

  private changed(): void {
    for (const check of [...this.waiting]) check();
  }
}
