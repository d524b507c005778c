import { describe, expect, it } from 'vitest';
import { _trainThreads } from './_train-threads.js';

describe('_trainThreads', () => {
  const base = { resolution: 64, fmapDecay: 1 };
  it('one thread for the 64 px cars config (37.7 MFLOP a conv call at batch 8)', () => {
    expect(_trainThreads({ ...base, fmapBase: 256, fmapMax: 64 }, 8, 2)).toBe(1);
  });
  it('all threads for 4x wider and for the car-centric generator (604 MFLOP a call)', () => {
    expect(_trainThreads({ ...base, fmapBase: 1024, fmapMax: 256 }, 8, 2)).toBe(2);
    expect(_trainThreads({ ...base, fmapBase: 1024, fmapMax: 64 }, 8, 2)).toBe(2);
  });
  it('grows with the batch', () => {
    expect(_trainThreads({ ...base, fmapBase: 256, fmapMax: 64 }, 32, 2)).toBe(2);
  });
});
