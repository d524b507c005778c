import { createHash } from 'node:crypto';

/** sha256 hex of bytes. */
export function _sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
