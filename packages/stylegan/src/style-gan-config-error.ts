/**
 * Raised when a StyleGAN config is not valid: a key with a value out of range, of the wrong type,
 * or unknown. The message names the key, the value found and what is expected.
 *
 * @example
 * ```ts
 * import { createConfig, StyleGANConfigError } from '@ganseg/stylegan';
 * try { createConfig({ resolution: 100 }); } catch (e) { if (e instanceof StyleGANConfigError) console.log(e.key); }
 * ```
 */
export class StyleGANConfigError extends Error {
  override name = 'StyleGANConfigError';
  /** The offending config key. */
  readonly key: string;
  /** Where the config came from (a file path), if known. */
  readonly source: string | undefined;

  /**
   * @param key The offending key.
   * @param message What is wrong and what is expected.
   * @param source The file the config was read from, if any.
   */
  constructor(key: string, message: string, source?: string) {
    super(`${source ? `${source}: ` : ''}config key "${key}": ${message}`);
    this.key = key;
    this.source = source;
  }
}
