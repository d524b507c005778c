/**
 * Raised for a decoder that cannot be built, trained, loaded or applied as asked: a bad saved
 * file, features that do not match the decoder's levels, unusable options. Names the file or
 * key, the expected and the found value.
 *
 * @example
 * ```ts
 * try { await loadDecoder('out/decoder'); } catch (e) { if (e instanceof DecoderError) console.error(e.message); }
 * ```
 */
export class DecoderError extends Error {
  override name = 'DecoderError';
}
