/**
 * Raised by {@link loadGenerator} when a generator folder cannot be read: no `model.json`, a wrong
 * `format`, a missing or short shard, an unsupported dtype. The message names the file and, where
 * there is one, the weight.
 *
 * @example
 * ```ts
 * import { loadGenerator, GeneratorFormatError } from '@ganseg/stylegan';
 * try { await loadGenerator('gen/'); } catch (e) { if (e instanceof GeneratorFormatError) console.log(e.file); }
 * ```
 */
export class GeneratorFormatError extends Error {
  override name = 'GeneratorFormatError';
  /** The file at fault. */
  readonly file: string;
  /** The weight at fault, if any. */
  readonly key: string | undefined;

  /**
   * @param file The file at fault.
   * @param message What is wrong and what was expected.
   * @param key The weight at fault, if any.
   */
  constructor(file: string, message: string, key?: string) {
    super(`${file}${key ? ` (${key})` : ''}: ${message}`);
    this.file = file;
    this.key = key;
  }
}
