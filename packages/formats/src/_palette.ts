/** The PASCAL VOC colour map: class k's colour from the bits of k (index 0 black, 255 (224, 224, 192)). */
export function _vocColor(k: number): [number, number, number] {
  let r = 0;
  let g = 0;
  let b = 0;
  let c = k;
  for (let j = 0; j < 8; j++) {
    r |= (c & 1) << (7 - j);
    g |= ((c >> 1) & 1) << (7 - j);
    b |= ((c >> 2) & 1) << (7 - j);
    c >>= 3;
  }
  return [r, g, b];
}

/**
 * The PLTE chunk of a PNG as `[r, g, b]` entries, or null when the file has none. Only reads
 * chunk headers; the caller has decoded the file already.
 */
export function _readPngPalette(bytes: Uint8Array): [number, number, number][] | null {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  while (p + 8 <= bytes.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    if (type === 'PLTE') {
      if (len % 3 !== 0 || p + 8 + len > bytes.length) return null;
      const out: [number, number, number][] = [];
      for (let i = 0; i < len; i += 3) out.push([bytes[p + 8 + i], bytes[p + 9 + i], bytes[p + 10 + i]]);
      return out;
    }
    if (type === 'IDAT' || type === 'IEND') return null;
    p += 12 + len;
  }
  return null;
}
