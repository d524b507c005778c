/** A weight whose shape differs from what the network expects. */
export interface MisshapedWeight {
  name: string;
  expected: number[];
  found: number[];
}

/**
 * Raised by a strict merge when a weights file does not fit the network: it names every missing,
 * unexpected and mis-shaped key.
 *
 * @example
 * ```ts
 * try { mapTorchvisionResNet(state, config, 'resnet50.pth'); }
 * catch (e) { if (e instanceof WeightsMismatchError) console.error(e.missing, e.misshaped); }
 * ```
 */
export class WeightsMismatchError extends Error {
  override name = 'WeightsMismatchError';
  /** Keys the network needs that the file lacks. */
  readonly missing: string[];
  /** Keys in the file the network has no place for. */
  readonly unexpected: string[];
  /** Keys whose shapes differ. */
  readonly misshaped: MisshapedWeight[];

  /**
   * @param file The file (or source) that was read.
   * @param missing Keys the network needs that the file lacks.
   * @param unexpected Keys the network has no place for.
   * @param misshaped Keys whose shapes differ.
   * @param hint What to do about it.
   */
  constructor(file: string, missing: string[], unexpected: string[], misshaped: MisshapedWeight[], hint = '') {
    const list = (xs: string[]) => xs.slice(0, 12).join(', ') + (xs.length > 12 ? `, ... (${xs.length} in all)` : '');
    const parts = [];
    if (missing.length) parts.push(`missing ${missing.length}: ${list(missing)}`);
    if (unexpected.length) parts.push(`unexpected ${unexpected.length}: ${list(unexpected)}`);
    if (misshaped.length) {
      parts.push(`mis-shaped ${misshaped.length}: ${list(misshaped.map((m) => `${m.name} expected [${m.expected}] found [${m.found}]`))}`);
    }
    super(`${file}: the weights do not fit the network; ${parts.join('; ')}.${hint ? ` ${hint}` : ''}`);
    this.missing = missing;
    this.unexpected = unexpected;
    this.misshaped = misshaped;
  }
}
