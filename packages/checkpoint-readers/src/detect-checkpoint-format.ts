import { CheckpointError } from './checkpoint-error.js';
import { unpickle } from './unpickle.js';

/** A checkpoint format this package reads. */
export type CheckpointFormat = 'pkl' | 'gluon' | 'torch';

/**
 * Detects a checkpoint's format by content, not by name: a pickle (opcode 0x80: the official
 * StyleGAN pickle, or a legacy PyTorch file when it starts with torch's magic number), a zip
 * (`PK`: PyTorch >= 1.6), or MXNet's NDArray list (uint64 0x112).
 *
 * @param bytes at least the first few hundred bytes of the file
 * @param file the name used in errors
 * @returns the format
 * @example
 * ```ts
 * detectCheckpointFormat(readFileSync('stylegan-ffhq.params')); // 'gluon'
 * ```
 */
export function detectCheckpointFormat(bytes: Uint8Array, file = '<bytes>'): CheckpointFormat {
  if (bytes.length >= 8 && bytes[0] === 0x12 && bytes[1] === 0x01 && bytes.subarray(2, 8).every((b) => b === 0)) return 'gluon';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'torch';
  if (bytes.length >= 2 && bytes[0] === 0x80 && bytes[1] >= 2 && bytes[1] <= 5) {
    // Legacy torch files start with a tiny pickle of the magic number 0x1950a86a20f9469cfc6c.
    if (bytes[2] === 0x8a && bytes[3] === 0x0a) {
      try {
        if (unpickle(bytes.subarray(0, 32), { file }).value === 0x1950a86a20f9469cfc6cn) return 'torch';
      } catch { /* not torch */ }
    }
    return 'pkl';
  }
  const head = [...bytes.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new CheckpointError('unknown-format', file,
    `unknown checkpoint format (first bytes ${head || 'none'}): expected an official StyleGAN .pkl (pickle, 0x80), an MXNet .params (0x112) or a PyTorch .pth (zip PK or pickle)`,
    { expected: 'pickle / MXNet / zip', found: head });
}
