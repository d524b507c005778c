import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { readZip } from './read-zip.js';
import { fixture, makeZip } from './_test_fixtures.js';

describe('readZip', () => {
  it('reads stored and deflated entries', () => {
    const a = new TextEncoder().encode('hello hello hello hello');
    const b = Uint8Array.from({ length: 1000 }, (_, i) => i % 7);
    const z = readZip(makeZip([{ name: 'x/a.txt', data: a, method: 0 }, { name: 'x/b.bin', data: b, method: 8 }]), 'm.zip');
    expect([...z.keys()]).toEqual(['x/a.txt', 'x/b.bin']);
    expect(z.get('x/a.txt')).toEqual(a);
    expect(z.get('x/b.bin')).toEqual(b);
  });

  it('lists the entries of a torch.save archive', () => {
    const z = readZip(readFileSync(fixture('tiny-state.pth')), 'tiny-state.pth');
    const names = [...z.keys()];
    expect(names.some((n) => n.endsWith('/data.pkl'))).toBe(true);
    expect(names.some((n) => /\/data\/\d+$/.test(n))).toBe(true);
  });

  it('a truncated archive or a bad deflate stream is a CheckpointError naming the file', () => {
    const full = readFileSync(fixture('tiny-state.pth'));
    expect(() => readZip(full.subarray(0, full.length - 30), 'cut.pth')).toThrow(/cut\.pth/);
    const z = makeZip([{ name: 'b', data: new Uint8Array(100).fill(3), method: 8 }]);
    z[32] ^= 0xff; // inside the deflate stream
    z[31] ^= 0xff;
    const e = (() => { try { readZip(z, 'bad.zip'); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(CheckpointError);
  });
});
