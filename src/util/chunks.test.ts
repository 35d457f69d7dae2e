import { describe, expect, it } from 'vitest';
import { batches } from './chunks.js';

describe('batches', () => {
  it('joins whole strings into buffers of at least the size, never splitting a character', () => {
    const got = [...batches(['ab', 'üü', '€', 'c', 'd'], 3)].map((b) => b.toString('utf8'));
    expect(got).toEqual(['abüü', '€cd']);
    expect([...batches('x€')].map((b) => b.toString('hex'))).toEqual(['78e282ac']);
    expect([...batches([])]).toEqual([]);
  });
});
