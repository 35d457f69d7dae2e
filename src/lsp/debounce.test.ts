import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Debouncer } from './debounce.js';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once, delay ms after the last poke', () => {
    const fire = vi.fn();
    const d = new Debouncer(50, fire);
    d.poke();
    vi.advanceTimersByTime(40);
    d.poke();
    vi.advanceTimersByTime(49);
    expect(fire).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('flush fires a pending poke at once, and only a pending one', () => {
    const fire = vi.fn();
    const d = new Debouncer(50, fire);
    expect(d.flush()).toBe(false);
    d.poke();
    expect(d.flush()).toBe(true);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it('cancel drops a pending poke', () => {
    const fire = vi.fn();
    const d = new Debouncer(50, fire);
    d.poke();
    d.cancel();
    vi.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(0);
  });
});
