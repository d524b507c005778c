/**
 * Run-length coding of class-index masks, used on the wire between the page and the server
 * (masks are mostly long runs of one class, so a 1024x1024 mask usually fits in the 64 KiB a
 * `fetch(..., { keepalive: true })` may carry when the page closes).
 *
 * Format: a sequence of runs, each `value` (1 byte) then `length` (unsigned LEB128, >= 1).
 * This file runs in the browser too: no Node or DOM imports.
 */

/**
 * Encodes `data` as runs.
 * @param data class indices, one byte a pixel
 * @returns the encoded bytes
 */
export function _encodeRle(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  let i = 0;
  while (i < data.length) {
    const v = data[i];
    let j = i + 1;
    while (j < data.length && data[j] === v) j++;
    let n = j - i;
    out.push(v);
    while (n >= 0x80) {
      out.push((n & 0x7f) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(n);
    i = j;
  }
  return Uint8Array.from(out);
}

/**
 * Decodes runs into exactly `length` bytes.
 * @param bytes the encoded runs
 * @param length the number of pixels expected
 * @returns the class indices
 * @throws Error when the runs are malformed, or cover fewer or more than `length` pixels
 */
export function _decodeRle(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  let i = 0;
  while (i < bytes.length) {
    const v = bytes[i++];
    let n = 0;
    let shift = 1;
    let k = 0;
    for (;;) {
      if (i >= bytes.length) throw new Error(`run-length data is truncated at byte ${i}`);
      const b = bytes[i++];
      n += (b & 0x7f) * shift;
      shift *= 128;
      if ((b & 0x80) === 0) break;
      if (++k >= 5) throw new Error(`run length at byte ${i} is longer than 5 bytes`);
    }
    if (n < 1) throw new Error(`run of length 0 at byte ${i}`);
    if (o + n > length) throw new Error(`run-length data covers more than the ${length} pixels expected`);
    out.fill(v, o, o + n);
    o += n;
  }
  if (o !== length) throw new Error(`run-length data covers ${o} pixels, expected ${length}`);
  return out;
}
