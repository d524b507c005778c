// Fuzz: seeded mutations of every valid fixture. Each read either succeeds or throws a
// CheckpointError naming the file (never another error, never the safety net's internal
// marker), and none takes over a second.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '@ganseg/runtime';
import { CheckpointError } from './checkpoint-error.js';
import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';
import { _INTERNAL } from './_guard.js';
import { fixture } from './_test_fixtures.js';

const CASES: [string, 'stylegan' | 'torch', number][] = [
  ['tiny-official.pkl', 'stylegan', 80],
  ['tiny-official-p2.pkl', 'stylegan', 40],
  ['tiny-official-p4.pkl', 'stylegan', 40],
  ['tiny-gluon.params', 'stylegan', 80],
  ['tiny-gluon-prefixed.params', 'stylegan', 40],
  ['tiny-state.pth', 'torch', 60],
  ['tiny-state-legacy.pth', 'torch', 60],
];

function mutate(src: Uint8Array, rng: ReturnType<typeof createRng>): Uint8Array {
  const int = (n: number) => Math.floor(rng.uniform() * n);
  const kind = int(7);
  let b = src.slice();
  const at = int(b.length);
  switch (kind) {
    case 0: for (let k = 0, n = 1 + int(8); k < n; k++) { const i = int(b.length); b[i] ^= 1 << int(8); } break; // bit flips
    case 1: for (let k = 0, n = 1 + int(4); k < n; k++) b[int(b.length)] = int(256); break; // random bytes
    case 2: b = b.subarray(0, at); break; // truncation
    case 3: { const ins = Uint8Array.from({ length: 1 + int(16) }, () => int(256)); const o = new Uint8Array(b.length + ins.length); o.set(b.subarray(0, at)); o.set(ins, at); o.set(b.subarray(at), at + ins.length); b = o; break; } // insertion
    case 4: { const n = Math.min(1 + int(64), b.length - at); b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + n)]); break; } // deletion
    case 5: { if (at + 4 <= b.length) new DataView(b.buffer).setUint32(at, [0xffffffff, 0x7fffffff, 0x80000000, 0][int(4)], true); break; } // huge/zero length
    default: b.fill(0, at, Math.min(b.length, at + 1 + int(32))); // zero run
  }
  return b;
}

describe('fuzz: mutated checkpoints give only typed errors, each within a second', () => {
  it.each(CASES)('%s (%s, %i mutations)', async (name, reader, count) => {
    const src = new Uint8Array(readFileSync(fixture(name)));
    const rng = createRng(`fuzz-${name}`);
    let ok = 0;
    let failed = 0;
    let slowest = 0;
    for (let k = 0; k < count; k++) {
      const bytes = mutate(src, rng);
      const file = `${name}#${k}`;
      const t0 = performance.now();
      try {
        if (reader === 'torch') await readTorchCheckpoint(bytes, file);
        else await readStyleGANCheckpoint(bytes, { file });
        ok++;
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw new Error(`${file}: not a CheckpointError: ${(err as Error)?.stack ?? err}`);
        expect(err.file).toBe(file);
        expect(err.message.startsWith(file)).toBe(true);
        expect(err.message, `${file}: safety net hit`).not.toContain(_INTERNAL);
        failed++;
      }
      slowest = Math.max(slowest, performance.now() - t0);
    }
    expect(ok + failed).toBe(count);
    expect(failed).toBeGreaterThan(count / 4); // the mutations do damage
    expect(slowest).toBeLessThan(1000);
  });
});
