/**
 * Raised when a DeepLab configuration (from code, the command line or a `model.json`) is invalid.
 *
 * @example
 * ```ts
 * try { resolveDeepLabConfig({ numClasses: 0 }); } catch (e) { if (e instanceof DeepLabConfigError) console.error(e.message); }
 * ```
 */
export class DeepLabConfigError extends Error {
  override name = 'DeepLabConfigError';
}
