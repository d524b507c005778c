import { describe, expect, it } from 'vitest';
import { parseSeeds } from './parse-seeds.js';

describe('parseSeeds', () => {
  it('parses ranges and lists, keeping order and dropping repeats', () => {
    expect(parseSeeds('0-3,10')).toEqual([0, 1, 2, 3, 10]);
    expect(parseSeeds('5, 1,5')).toEqual([5, 1]);
  });
  it('names the bad part', () => {
    expect(() => parseSeeds('1,x')).toThrow(/at "x"/);
    expect(() => parseSeeds('7-3')).toThrow(/end before start/);
  });
});
