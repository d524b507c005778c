import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCheckpointFormat } from './detect-checkpoint-format.js';
import { fixture } from './_test_fixtures.js';

describe('detectCheckpointFormat', () => {
  it('tells the formats apart by content', () => {
    const d = (n: string) => detectCheckpointFormat(readFileSync(fixture(n)), n);
    expect(d('tiny-official.pkl')).toBe('pkl');
    expect(d('tiny-official-p2.pkl')).toBe('pkl');
    expect(d('tiny-gluon.params')).toBe('gluon');
    expect(d('tiny-state.pth')).toBe('torch');
    expect(d('tiny-state-legacy.pth')).toBe('torch');
  });

  it('anything else is unknown-format naming the file and the first bytes', () => {
    expect(() => detectCheckpointFormat(new TextEncoder().encode('{"json": 1}'), 'x.json')).toThrow(/x\.json.*7b 22 6a/);
    expect(() => detectCheckpointFormat(new Uint8Array(0), 'empty')).toThrow(/empty/);
  });
});
