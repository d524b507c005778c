/**
 * Raised when a weights folder cannot be read as the tfjs layout: a missing or unreadable
 * `model.json` or shard, a malformed manifest, shards of the wrong length. Names the file and,
 * when one weight is to blame, the weight (`key`).
 *
 * @example
 * ```ts
 * try { await readWeightsFolder('models/gen'); } catch (e) { if (e instanceof WeightsFolderError) console.error(e.file, e.key); }
 * ```
 */
export class WeightsFolderError extends Error {
  override name = 'WeightsFolderError';
  /** The file at fault. */
  readonly file: string;
  /** The weight at fault, if one is. */
  readonly key: string | undefined;

  /**
   * @param file The file at fault.
   * @param problem What is wrong and what was expected.
   * @param key The weight at fault.
   */
  constructor(file: string, problem: string, key?: string) {
    super(`${file}: ${key ? `weight "${key}": ` : ''}${problem}`);
    this.file = file;
    this.key = key;
  }
}
