// One timer for the edits of every open buffer: each edit pushes the analysis back by `delay`; the clock is
// injectable so that tests advance it instead of waiting.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class Debouncer {
  private handle: unknown = null;

  constructor(
    private readonly delay: number,
    private readonly fire: () => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Runs `fire` once `delay` ms have passed without another call. */
  poke(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = this.timers.set(() => {
      this.handle = null;
      this.fire();
    }, this.delay);
  }

  /** Runs a pending `fire` now (a save or an explicit request should not wait); false when none was pending. */
  flush(): boolean {
    if (this.handle === null) return false;
    this.timers.clear(this.handle);
    this.handle = null;
    this.fire();
    return true;
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
  }
}
