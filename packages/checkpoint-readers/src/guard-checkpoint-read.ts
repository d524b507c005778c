import { CheckpointError } from './checkpoint-error.js';

/** Marker in the message of errors that the safety net below converted. Tests look for it. */
export const _INTERNAL = 'internal:';

/**
 * Runs a parser; a stray runtime error (a reader bug met by a damaged file) becomes a
 * `malformed` CheckpointError naming the file, so users only ever see typed errors. Readers built
 * on this package (a StyleGAN mapping, a ResNet loader) wrap their own parsing in it too.
 *
 * @param file the checkpoint named in the error
 * @param f the parser
 * @returns what `f` returns
 * @example
 * ```ts
 * const found = guardCheckpointRead('ffhq.pkl', () => mapNetwork(unpickle(bytes, { file: 'ffhq.pkl' }).value));
 * ```
 */
export function guardCheckpointRead<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof CheckpointError) throw err;
    throw new CheckpointError('malformed', file, `unreadable structure (${_INTERNAL} ${(err as Error)?.message ?? String(err)}); the file is damaged or not a supported checkpoint`);
  }
}
