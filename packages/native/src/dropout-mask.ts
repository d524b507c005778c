import { _loadAddon } from './_addon.js';

/**
 * An inverted-dropout mask drawn by native code from `@ganseg/runtime`'s seeded stream (its
 * splitmix32 `createRng`): `n` values, `value` where the draw from state `state + (i + 1) *
 * 0x9e3779b9` (as float32) is at least `rate`, else 0; the same numbers as `Rng.maskArray`'s
 * JavaScript loop, 10x or more faster. The caller advances its state by `n` draws.
 *
 * @param n Elements.
 * @param state The stream's 32-bit state before the first draw.
 * @param rate Drop probability in [0, 1].
 * @param value The kept elements' value (1 / (1 - rate) for inverted dropout).
 * @returns The mask, or null without the addon (draw it in JavaScript then).
 * @example
 * ```ts
 * import { dropoutMask } from '@ganseg/native';
 * const m = dropoutMask(1 << 20, 12345, 0.5, 2) ?? jsMask();
 * ```
 */
export function dropoutMask(n: number, state: number, rate: number, value: number): Float32Array | null {
  const { addon } = _loadAddon();
  if (addon == null) return null;
  const out = new Float32Array(n);
  if (n > 0) addon.dropoutMask(out.buffer, new Float64Array([out.byteOffset, n, state >>> 0, rate, value]));
  return out;
}
