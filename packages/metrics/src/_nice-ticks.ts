/** Ticks at 1, 2 or 5 times a power of ten covering [lo, hi] (private helper). */
export interface _Ticks {
  /** Domain start (the first tick, at or below lo). */
  lo: number;
  /** Domain end (the last tick, at or above hi). */
  hi: number;
  /** The tick values. */
  ticks: number[];
  /** Decimals to print them with. */
  decimals: number;
}

/** About `count` round ticks whose extent covers `[lo, hi]`. */
export function _niceTicks(lo: number, hi: number, count = 5): _Ticks {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toFixed(decimals)));
  return { lo: ticks[0], hi: ticks[ticks.length - 1], ticks, decimals };
}

/** Ticks at 1, 2, 5 times powers of ten within [lo, hi] (lo > 0), for a log axis. */
export function _logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * Math.pow(10, e)).toPrecision(6));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}
