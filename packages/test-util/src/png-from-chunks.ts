const _CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/**
 * A PNG file from its chunks (signature, then each chunk with its length and CRC), for the test
 * images pngjs cannot write (16-bit grey, palettes) or must not (broken ones).
 *
 * @param chunks `[type, data]` in file order, e.g. `['IHDR', ihdr]`, `['IDAT', deflateSync(raw)]`, `['IEND', new Uint8Array(0)]`.
 * @returns The file's bytes.
 * @example
 * ```ts
 * const png = pngFromChunks([['IHDR', ihdr], ['IDAT', deflateSync(raw)], ['IEND', new Uint8Array(0)]]);
 * ```
 */
export function pngFromChunks(chunks: [string, Uint8Array][]): Buffer {
  const parts = chunks.map(([type, data]) => {
    const td = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
    let c = 0xffffffff;
    for (const b of td) c = _CRC[(c ^ b) & 0xff] ^ (c >>> 8);
    const out = Buffer.alloc(td.length + 8);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE((c ^ 0xffffffff) >>> 0, td.length + 4);
    return out;
  });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...parts]);
}
