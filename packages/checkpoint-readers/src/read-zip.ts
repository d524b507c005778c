import { _MAX_ENTRY_BYTES, _openZip } from './_zip.js';

/**
 * A minimal ZIP reader (stored and deflate entries, ZIP64 sizes) for PyTorch's checkpoint format.
 * Stored entries are views of `bytes`, not copies. Every entry's bounds are checked; a damaged
 * archive is a `CheckpointError` naming the file and the entry. The whole central directory is
 * checked before anything is inflated: entries that overlap in the file, stored entries whose two
 * sizes differ and deflated entries declaring more than deflate can produce (or more than
 * `maxEntryBytes`) are refused, and no entry inflates past its declared size.
 *
 * @param bytes the whole archive
 * @param file name used in errors
 * @param maxEntryBytes largest inflated entry accepted (default 2^31 - 1)
 * @returns entry name -> contents
 * @example
 * ```ts
 * const entries = readZip(readFileSync('resnet18.pth'), 'resnet18.pth');
 * const pkl = [...entries.keys()].find((k) => k.endsWith('/data.pkl'));
 * ```
 */
export function readZip(bytes: Uint8Array, file = '<bytes>', maxEntryBytes = _MAX_ENTRY_BYTES): Map<string, Uint8Array> {
  const zip = _openZip(bytes, file, maxEntryBytes);
  const out = new Map<string, Uint8Array>();
  for (const name of zip.entries.keys()) out.set(name, zip.read(name));
  return out;
}
