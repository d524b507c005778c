import { inflateRawSync } from 'node:zlib';
import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader } from './_bytes.js';

/**
 * A minimal ZIP reader (stored and deflate entries, ZIP64 sizes) for PyTorch's checkpoint format.
 * Stored entries are views of `bytes`, not copies. Every entry's bounds are checked; a damaged
 * archive is a `CheckpointError` naming the file and the entry.
 *
 * @param bytes the whole archive
 * @param file name used in errors
 * @returns entry name -> contents
 * @example
 * ```ts
 * const entries = readZip(readFileSync('resnet18.pth'), 'resnet18.pth');
 * const pkl = [...entries.keys()].find((k) => k.endsWith('/data.pkl'));
 * ```
 */
export function readZip(bytes: Uint8Array, file = '<bytes>'): Map<string, Uint8Array> {
  const r = new _ByteReader(bytes, file);
  // End of central directory: search backwards over the comment (max 65535 bytes).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) { eocd = i; break; }
  }
  if (eocd < 0) throw new CheckpointError('truncated', file, 'zip end-of-central-directory record not found; the archive is truncated or not a zip', { key: 'EOCD' });
  r.pos = eocd + 10;
  let count = r.u16('zip entry count');
  r.pos = eocd + 12;
  r.u32('zip central directory size');
  let cdOffset = r.u32('zip central directory offset');
  if (cdOffset === 0xffffffff || count === 0xffff) {
    // ZIP64 locator precedes the EOCD.
    const loc = eocd - 20;
    if (loc < 0 || r.view.getUint32(loc, true) !== 0x07064b50) throw new CheckpointError('malformed', file, 'zip64 locator missing', { key: 'ZIP64' });
    r.pos = loc + 8;
    const z64 = r.u64('zip64 record offset');
    r.pos = z64;
    if (r.u32('zip64 record') !== 0x06064b50) throw new CheckpointError('malformed', file, 'zip64 end record missing', { key: 'ZIP64' });
    r.pos = z64 + 32;
    count = r.u64('zip64 entry count');
    r.pos = z64 + 48;
    cdOffset = r.u64('zip64 central directory offset');
  }
  const out = new Map<string, Uint8Array>();
  r.pos = cdOffset;
  for (let e = 0; e < count; e++) {
    if (r.u32('zip central directory entry') !== 0x02014b50) throw new CheckpointError('malformed', file, `zip central directory entry ${e} has a bad signature`, { key: `entry ${e}` });
    r.pos += 6;
    const method = r.u16('zip method');
    r.pos += 8;
    let csize = r.u32('zip compressed size');
    let usize = r.u32('zip size');
    const nameLen = r.u16('zip name length');
    const extraLen = r.u16('zip extra length');
    const commentLen = r.u16('zip comment length');
    r.pos += 8;
    let local = r.u32('zip local header offset');
    const name = new TextDecoder().decode(r.take(nameLen, 'zip entry name'));
    const extra = new _ByteReader(r.take(extraLen, `zip extra of ${name}`), file);
    while (extra.remaining >= 4) {
      const id = extra.u16();
      const len = extra.u16();
      const end = extra.pos + len;
      if (id === 0x0001) {
        if (usize === 0xffffffff) usize = extra.u64(`zip64 size of ${name}`);
        if (csize === 0xffffffff) csize = extra.u64(`zip64 compressed size of ${name}`);
        if (local === 0xffffffff) local = extra.u64(`zip64 offset of ${name}`);
      }
      extra.pos = end;
    }
    r.pos += commentLen;
    const lr = new _ByteReader(bytes, file, local);
    if (lr.u32(`zip local header of ${name}`) !== 0x04034b50) throw new CheckpointError('malformed', file, `zip entry ${name} has a bad local header`, { key: name });
    lr.pos = local + 26;
    const ln = lr.u16(`zip local name length of ${name}`);
    const le = lr.u16(`zip local extra length of ${name}`);
    lr.pos += ln + le;
    const data = lr.take(csize, `zip entry ${name}`);
    if (method === 0) {
      if (csize !== usize) throw new CheckpointError('malformed', file, `stored zip entry ${name} has sizes ${csize} and ${usize}`, { key: name });
      out.set(name, data);
    } else if (method === 8) {
      let inflated: Buffer;
      try {
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, Math.min(usize, 2 ** 31 - 1)) });
      } catch (err) {
        throw new CheckpointError('malformed', file, `zip entry ${name} does not inflate: ${(err as Error).message}`, { key: name });
      }
      if (inflated.length !== usize) throw new CheckpointError('malformed', file, `zip entry ${name} inflates to ${inflated.length} bytes, header says ${usize}`, { key: name });
      out.set(name, new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length));
    } else {
      throw new CheckpointError('malformed', file, `zip entry ${name} uses compression method ${method}; only stored (0) and deflate (8) are read`, { key: name, found: `method ${method}` });
    }
  }
  return out;
}
