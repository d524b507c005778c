import { inflateRawSync } from 'node:zlib';
import { CheckpointError } from './checkpoint-error.js';
import { _ByteReader } from './_bytes.js';

/** Deflate's best ratio is 1032:1; a larger declared size is a lie (a zip bomb's header). */
const DEFLATE_MAX_RATIO = 1032;
/** Default bound on one entry's inflated size (Node's largest Buffer is 4 GiB; torch storages are far smaller). */
export const _MAX_ENTRY_BYTES = 2 ** 31 - 1;

/** One entry of the central directory, checked, not yet read. */
export interface _ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Byte range of the entry's data in the archive. */
  dataStart: number;
  dataEnd: number;
}

/** An opened archive: the checked index, and a lazy reader of one entry. */
export interface _Zip {
  entries: Map<string, _ZipEntry>;
  read(name: string): Uint8Array;
}

/**
 * Reads a zip's central directory and checks every entry before anything is inflated: data ranges
 * inside the file and disjoint (overlapping entries are a zip bomb's trick), stored sizes equal,
 * deflated sizes within deflate's ratio and `maxEntryBytes`. `read` inflates one entry on demand,
 * never past its declared size.
 */
export function _openZip(bytes: Uint8Array, file: string, maxEntryBytes = _MAX_ENTRY_BYTES): _Zip {
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
  // Each central record takes at least 46 bytes: a count the directory cannot hold is a lie.
  if (count * 46 > bytes.length) {
    throw new CheckpointError('truncated', file, `zip declares ${count} entries, more than the file can hold`, { key: 'zip entry count', found: String(count) });
  }
  const entries = new Map<string, _ZipEntry>();
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
    if (entries.has(name)) throw new CheckpointError('malformed', file, `zip entry ${name} appears twice`, { key: name });
    const lr = new _ByteReader(bytes, file, local);
    if (lr.u32(`zip local header of ${name}`) !== 0x04034b50) throw new CheckpointError('malformed', file, `zip entry ${name} has a bad local header`, { key: name });
    lr.pos = local + 26;
    const ln = lr.u16(`zip local name length of ${name}`);
    const le = lr.u16(`zip local extra length of ${name}`);
    lr.pos += ln + le;
    lr.need(csize, `zip entry ${name}`);
    if (method === 0) {
      if (csize !== usize) throw new CheckpointError('malformed', file, `stored zip entry ${name} has sizes ${csize} and ${usize}`, { key: name });
    } else if (method === 8) {
      if (usize > csize * DEFLATE_MAX_RATIO + 1024) {
        throw new CheckpointError('malformed', file, `zip entry ${name} declares ${usize} bytes from ${csize} compressed, more than deflate can produce`,
          { key: name, expected: `<= ${csize * DEFLATE_MAX_RATIO + 1024} bytes`, found: `${usize} bytes` });
      }
    } else {
      throw new CheckpointError('malformed', file, `zip entry ${name} uses compression method ${method}; only stored (0) and deflate (8) are read`, { key: name, found: `method ${method}` });
    }
    if (usize > maxEntryBytes) {
      throw new CheckpointError('malformed', file, `zip entry ${name} declares ${usize} bytes, over the limit of ${maxEntryBytes}`,
        { key: name, expected: `<= ${maxEntryBytes} bytes`, found: `${usize} bytes` });
    }
    entries.set(name, { name, method, compressedSize: csize, size: usize, dataStart: local, dataEnd: lr.pos + csize });
  }
  // Entries (local header through data) must not overlap: one deflated run named three times
  // would inflate three times.
  const sorted = [...entries.values()].sort((a, b) => a.dataStart - b.dataStart);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].dataStart < sorted[i - 1].dataEnd) {
      throw new CheckpointError('malformed', file, `zip entries ${sorted[i - 1].name} and ${sorted[i].name} overlap in the file (bytes ${sorted[i].dataStart}..${sorted[i - 1].dataEnd}); a damaged archive or a zip bomb`,
        { key: sorted[i].name, expected: 'disjoint entries', found: `overlap at byte ${sorted[i].dataStart}` });
    }
  }
  const read = (name: string): Uint8Array => {
    const e = entries.get(name);
    if (!e) throw new CheckpointError('malformed', file, `zip has no entry ${name}`, { key: name });
    const data = bytes.subarray(e.dataEnd - e.compressedSize, e.dataEnd);
    if (e.method === 0) return data;
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    } catch (err) {
      throw new CheckpointError('malformed', file, `zip entry ${name} does not inflate to its declared ${e.size} bytes: ${(err as Error).message}`, { key: name, expected: `${e.size} bytes` });
    }
    if (inflated.length !== e.size) throw new CheckpointError('malformed', file, `zip entry ${name} inflates to ${inflated.length} bytes, header says ${e.size}`, { key: name, expected: `${e.size} bytes`, found: `${inflated.length} bytes` });
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
  };
  return { entries, read };
}
