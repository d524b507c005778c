// The fuzzer of the readers (issue 20): seeded mutations of valid and hostile checkpoints, each
// read with limits checked. Used by fuzz.test.ts here and in the StyleGAN converter (a bounded
// count in `pnpm test`) and by the converter's _fuzz-bench.ts (a larger run that prints the worst
// time and peak RSS).
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { CheckpointError } from './checkpoint-error.js';
import { _INTERNAL } from './guard-checkpoint-read.js';
import { readZip } from './read-zip.js';
import { _openZip } from './_zip.js';

/** One file to mutate and the reader it goes to. */
export interface FuzzSeed {
  name: string;
  bytes: Uint8Array;
  /** Reads one mutated file; `file` is the name its errors must carry. */
  read: (bytes: Uint8Array, file: string) => Promise<unknown>;
}

/** What a fuzz run found. */
export interface FuzzReport {
  cases: number;
  read: number;
  refused: number;
  /** The slowest case, ms, and its name. */
  worstMs: number;
  worstCase: string;
  /** Peak resident set size of the process at the end, MB. */
  peakRssMB: number;
  /** The largest growth of the peak RSS during one case, MB. */
  worstRssGrowthMB: number;
  /** Payloads that ran (the canary file exists): must be 0. */
  executions: number;
  /** Cases that broke a rule: an untyped error, the safety net, over the time or memory limit. */
  failures: string[];
}

/** A zip of the given entries (stored, or deflate when `method` is 8), central directory last. */
export function _makeZip(entries: { name: string; data: Uint8Array; method: 0 | 8 }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const body = e.method === 8 ? new Uint8Array(deflateRawSync(e.data)) : e.data;
    const lh = new Uint8Array(30 + name.length);
    const dv = new DataView(lh.buffer);
    dv.setUint32(0, 0x04034b50, true); dv.setUint16(8, e.method, true);
    dv.setUint32(18, body.length, true); dv.setUint32(22, e.data.length, true);
    dv.setUint16(26, name.length, true); lh.set(name, 30);
    const ch = new Uint8Array(46 + name.length);
    const cv = new DataView(ch.buffer);
    cv.setUint32(0, 0x02014b50, true); cv.setUint16(10, e.method, true);
    cv.setUint32(20, body.length, true); cv.setUint32(24, e.data.length, true);
    cv.setUint16(28, name.length, true); cv.setUint32(42, offset, true); ch.set(name, 46);
    chunks.push(lh, body);
    central.push(ch);
    offset += lh.length + body.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true); ev.setUint16(8, entries.length, true); ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true); ev.setUint32(16, offset, true);
  const parts = [...chunks, ...central, eocd];
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let q = 0;
  for (const p of parts) { out.set(p, q); q += p.length; }
  return out;
}

/** The canary a code-execution payload would create. */
export function _canary(): string {
  return path.join(os.tmpdir(), `ganseg-fuzz-canary-${process.pid}`);
}

/** Bytes-level mutations, plus pickle payloads and (for zips) mutations inside one entry. */
export function _mutate(src: Uint8Array, rng: () => number): Uint8Array {
  const int = (n: number) => Math.floor(rng() * n);
  if (src[0] === 0x50 && src[1] === 0x4b && int(3) === 0) {
    // inside the archive: mutate one entry and re-zip, so the pickle and the storages are reached
    try {
      // (only small archives: re-zipping a bomb would time the fuzzer, not the reader)
      if ([..._openZip(src, 'seed').entries.values()].reduce((a, e) => a + e.size, 0) > 4 << 20) throw new Error('large');
      const entries = [...readZip(src, 'seed').entries()];
      const k = int(entries.length);
      entries[k] = [entries[k][0], _mutate(entries[k][1], rng)];
      return _makeZip(entries.map(([name, data]) => ({ name, data, method: int(2) ? 0 : 8 })));
    } catch {
      // a hostile seed whose zip does not open: mutate the bytes
    }
  }
  const kind = int(10);
  let b = src.slice();
  const at = int(b.length);
  const insert = (ins: Uint8Array, pos: number) => { const o = new Uint8Array(b.length + ins.length); o.set(b.subarray(0, pos)); o.set(ins, pos); o.set(b.subarray(pos), pos + ins.length); b = o; };
  switch (kind) {
    case 0: for (let k = 0, n = 1 + int(8); k < n; k++) { const i = int(b.length); b[i] ^= 1 << int(8); } break; // bit flips
    case 1: for (let k = 0, n = 1 + int(4); k < n; k++) b[int(b.length)] = int(256); break; // random bytes
    case 2: b = b.subarray(0, at); break; // truncation
    case 3: insert(Uint8Array.from({ length: 1 + int(16) }, () => int(256)), at); break; // insertion
    case 4: { const n = Math.min(1 + int(64), b.length - at); b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(at + n)]); break; } // deletion
    case 5: { if (at + 4 <= b.length) new DataView(b.buffer, b.byteOffset).setUint32(at, [0xffffffff, 0x7fffffff, 0x80000000, 0][int(4)], true); break; } // huge/zero length
    case 6: { // a big integer: LONG4 of a declared size the file may not hold
      const n = [1 << 20, 1 << 30, 65, 0x7fffffff][int(4)];
      const ins = new Uint8Array(5 + Math.min(n, 1 << 16));
      ins[0] = 0x8b; new DataView(ins.buffer).setInt32(1, n, true);
      insert(ins, at);
      break;
    }
    case 7: { // a code-execution payload: os.system / builtins.eval / subprocess, by GLOBAL and STACK_GLOBAL
      const cmd = `touch ${_canary()}`;
      const payloads = [
        `cos\nsystem\n(V${cmd}\ntR`, `cbuiltins\neval\n(V__import__('os').system('${cmd}')\ntR`,
        `csubprocess\ncheck_call\n((V/bin/sh\nV-c\nV${cmd}\nltR`, `\x8c\x02os\x8c\x06system\x93V${cmd}\n\x85R`,
      ];
      insert(new TextEncoder().encode(payloads[int(payloads.length)]), src[0] === 0x80 && int(2) ? 2 : at);
      break;
    }
    case 8: { // a memo DAG: a tuple repeated through BINGET into a dict key
      const ops: number[] = [0x7d, 0x29, 0x71, 0, 0x30];
      for (let i = 1; i <= 40; i++) ops.push(0x68, i - 1, 0x68, i - 1, 0x86, 0x71, i, 0x30);
      ops.push(0x68, 40, 0x4e, 0x73);
      insert(Uint8Array.from(ops), src[0] === 0x80 ? 2 : at);
      break;
    }
    default: b.fill(0, at, Math.min(b.length, at + 1 + int(32))); // zero run
  }
  return b;
}

/**
 * Reads `count` seeded mutations of each seed (bit flips, truncations, huge lengths, big integers,
 * code-execution payloads, memo DAGs, mutations inside a zip's entries). Every case must succeed
 * or throw a CheckpointError naming its file (never the safety net's internal error) within
 * `maxMs`, growing the peak RSS by less than `maxRssMB`; no payload may run.
 *
 * @param seeds the files to mutate, each with its reader
 * @param count mutations per seed
 * @param random a seeded uniform [0, 1) source for a name (the same name gives the same draws)
 * @param seed the run's seed, combined with each seed's name
 * @param limits time and memory limits of one case
 * @returns what the run found; `failures` and `executions` must be empty / 0
 * @example
 * ```ts
 * const r = await fuzzCheckpointReader([{ name: 'a.pth', bytes, read: (b, f) => readTorchCheckpoint(b, f) }], 30,
 *   (name) => { const g = createRng(name); return () => g.uniform(); }, 'fuzz-test');
 * r.failures; // []
 * ```
 */
export async function fuzzCheckpointReader(
  seeds: FuzzSeed[],
  count: number,
  random: (name: string) => () => number,
  seed: string,
  limits = { maxMs: 2000, maxRssMB: 512 },
): Promise<FuzzReport> {
  rmSync(_canary(), { force: true });
  const r: FuzzReport = { cases: 0, read: 0, refused: 0, worstMs: 0, worstCase: '', peakRssMB: 0, worstRssGrowthMB: 0, executions: 0, failures: [] };
  for (const s of seeds) {
    const rng = random(`${seed}-${s.name}`);
    for (let k = 0; k < count; k++) {
      const bytes = _mutate(s.bytes, rng);
      const file = `${s.name}#${k}`;
      const rss0 = process.resourceUsage().maxRSS / 1024;
      const t0 = performance.now();
      try {
        await s.read(bytes, file);
        r.read++;
      } catch (err) {
        r.refused++;
        if (!(err instanceof CheckpointError)) r.failures.push(`${file}: not a CheckpointError: ${(err as Error)?.message ?? err}`);
        else if (err.file !== file || !err.message.startsWith(file)) r.failures.push(`${file}: the error names ${err.file}`);
        else if (err.message.includes(_INTERNAL)) r.failures.push(`${file}: safety net: ${err.message}`);
      }
      const ms = performance.now() - t0;
      const grew = process.resourceUsage().maxRSS / 1024 - rss0;
      r.cases++;
      if (ms > r.worstMs) { r.worstMs = ms; r.worstCase = file; }
      r.worstRssGrowthMB = Math.max(r.worstRssGrowthMB, grew);
      if (ms > limits.maxMs) r.failures.push(`${file}: ${ms.toFixed(0)} ms`);
      if (grew > limits.maxRssMB) r.failures.push(`${file}: peak RSS grew ${grew.toFixed(0)} MB`);
    }
  }
  r.peakRssMB = process.resourceUsage().maxRSS / 1024;
  r.executions = existsSync(_canary()) ? 1 : 0;
  return r;
}
