import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the compiled addon exports (csrc/addon.cc). */
export interface _Addon {
  info(): { onednn: string; isa: string; runtime: string; threads: number; headersMajor: number; winogradCalls: number; rowSplitCalls: number; directDepthwiseCalls: number };
  setThreads(n: number): number;
  conv(heap: ArrayBuffer, params: Float64Array): void;
  matmul(heap: ArrayBuffer, params: Float64Array): void;
  batchNormForward(heap: ArrayBuffer, params: Float64Array): void;
  batchNormBackward(heap: ArrayBuffer, params: Float64Array): void;
  maxPoolGrad(heap: ArrayBuffer, params: Float64Array): void;
  sgdMomentum(heap: ArrayBuffer, params: Float64Array): void;
  adam(heap: ArrayBuffer, params: Float64Array): void;
  adamInPlace(heap: ArrayBuffer, params: Float64Array): void;
  emaInPlace(heap: ArrayBuffer, params: Float64Array): void;
  styleEpilogueForward(heap: ArrayBuffer, params: Float64Array): void;
  styleEpilogueBackward(heap: ArrayBuffer, params: Float64Array): void;
  slice(heap: ArrayBuffer, params: Float64Array): void;
  reduce(heap: ArrayBuffer, params: Float64Array): void;
  concat(heap: ArrayBuffer, params: Float64Array): void;
  reverse(heap: ArrayBuffer, params: Float64Array): void;
  transpose(heap: ArrayBuffer, params: Float64Array): void;
  elementwise(heap: ArrayBuffer, params: Float64Array): void;
  binary(heap: ArrayBuffer, params: Float64Array): void;
  pad(heap: ArrayBuffer, params: Float64Array): void;
  dropoutMask(buffer: ArrayBuffer, params: Float64Array): void;
}

/** The addon, or why it is not there. Loaded once per thread (each worker loads its own copy). */
export type _AddonLoad = { addon: _Addon; reason: null } | { addon: null; reason: string };

const _root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where scripts/build-addon.mjs puts the addon. */
export const _ADDON_PATH = path.join(_root, 'build', 'Release', 'ganseg_native.node');
let _loaded: _AddonLoad | null = null;

/** Why the install did not build the addon, from build/status.json. */
function _buildReason(): string {
  try {
    const s = JSON.parse(readFileSync(path.join(_root, 'build', 'status.json'), 'utf8')) as { ok: boolean; reason: string };
    if (!s.ok) return s.reason;
  } catch {
    // no status: the install script did not run
  }
  return 'the addon was never built (run `pnpm install`, or `node scripts/build-addon.mjs` in @ganseg/native)';
}

/** Loads the addon once; never throws. `GANSEG_NATIVE=0` keeps it unloaded. */
export function _loadAddon(): _AddonLoad {
  if (_loaded) return _loaded;
  if (process.env.GANSEG_NATIVE === '0') return (_loaded = { addon: null, reason: 'turned off by GANSEG_NATIVE=0' });
  if (!existsSync(_ADDON_PATH)) return (_loaded = { addon: null, reason: _buildReason() });
  try {
    // OpenMP threads that spin briefly (20,000 turns, tens of microseconds) before they sleep:
    // libgomp's default spin (300,000) makes two-thread kernels collapse (10x slower measured)
    // when another process shares the cores, and no spin at all (OMP_WAIT_POLICY=passive) pays a
    // futex wake-up for each of the several parallel regions of one Winograd call (two-thread
    // conv ratios to PyTorch 0.92-1.23 passive vs 1.02-1.55 with this spin, native README). Read
    // by libgomp when the addon first loads it, so it must be in the environment before; a
    // user's own OMP_WAIT_POLICY or GOMP_SPINCOUNT wins.
    if (process.env.OMP_WAIT_POLICY === undefined) process.env.GOMP_SPINCOUNT ??= '20000';
    const addon = createRequire(import.meta.url)(_ADDON_PATH) as _Addon;
    return (_loaded = { addon, reason: null });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    return (_loaded = { addon: null, reason: `the addon failed to load (${msg}); rebuild it with \`pnpm install\`` });
  }
}
