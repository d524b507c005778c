/** A one-line progress display on stderr. */
export interface ProgressLine {
  /** Redraws the line: a bar, done/total, ETA and a free text. */
  update(done: number, total: number, text?: string): void;
  /** Ends the line. */
  done(): void;
}

/**
 * A progress bar with rate-based ETA on stderr (a plain line every 5% when stderr is not a
 * terminal, so logs stay readable).
 *
 * @param label What is running.
 * @returns The line.
 * @example
 * ```ts
 * const line = progressLine('synthesize');
 * line.update(10, 100, '3.2 pairs/s');
 * line.done();
 * ```
 */
export function progressLine(label: string): ProgressLine {
  const t0 = Date.now();
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  let first: { t: number; done: number } | null = null;
  return {
    update(done, total, text = '') {
      const now = Date.now();
      if (first === null) first = { t: now, done };
      const frac = total > 0 ? done / total : 1;
      const rate = (done - first.done) / Math.max((now - first.t) / 1000, 1e-9);
      const eta = rate > 0 ? (total - done) / rate : NaN;
      const bar = '#'.repeat(Math.round(frac * 24)).padEnd(24, '.');
      const etaText = Number.isFinite(eta) ? `ETA ${_fmt(eta)}` : '';
      const msg = `${label} [${bar}] ${done}/${total} ${etaText} ${text} (${_fmt((now - t0) / 1000)})`;
      if (tty) process.stderr.write(`\r${msg.padEnd(100)}`);
      else {
        const pct = Math.floor(frac * 20);
        if (pct !== lastPct || done === total) {
          lastPct = pct;
          process.stderr.write(`${msg}\n`);
        }
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

function _fmt(s: number): string {
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
