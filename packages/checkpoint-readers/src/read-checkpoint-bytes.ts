import { readFile } from 'node:fs/promises';
import { CheckpointError } from './checkpoint-error.js';

/**
 * The bytes of a checkpoint given as a path or as bytes, and the name its errors use: the path,
 * else `file`, else `<bytes>`. A file that cannot be read is an `io` CheckpointError.
 *
 * @param source a file path, or the file's bytes
 * @param file the name used in errors when `source` is bytes
 * @returns the name and the bytes
 * @example
 * ```ts
 * const { file, bytes } = await readCheckpointBytes('resnet18.pth'); // file === 'resnet18.pth'
 * ```
 */
export async function readCheckpointBytes(source: string | Uint8Array, file?: string): Promise<{ file: string; bytes: Uint8Array }> {
  if (typeof source !== 'string') return { file: file ?? '<bytes>', bytes: source };
  try {
    return { file: source, bytes: await readFile(source) };
  } catch (err) {
    throw new CheckpointError('io', source, `cannot read: ${(err as Error).message}`);
  }
}
