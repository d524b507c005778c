/**
 * Raised when a {@link FeatureSpec} asks for something the generator cannot give: an unknown
 * layer name, a bad size. The message names the key, what was found and what was expected.
 *
 * @example
 * ```ts
 * try { resolveFeatureSpec(config, { layers: ['5x5'] }); } catch (e) { if (e instanceof FeatureSpecError) console.error(e.message); }
 * ```
 */
export class FeatureSpecError extends Error {
  override name = 'FeatureSpecError';
}
