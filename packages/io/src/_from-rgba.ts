/**
 * The channels asked for out of 8-bit RGBA pixels (private helper): 4 gives a view of `rgba`
 * itself, 3 drops alpha, 1 keeps the first channel (grey, or red).
 */
export function _fromRgba(rgba: Uint8Array, n: number, channels: 1 | 3 | 4): Uint8Array {
  if (channels === 4) return new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  if (channels === 3) {
    const data = new Uint8Array(n * 3);
    for (let i = 0; i < n; i++) {
      data[3 * i] = rgba[4 * i];
      data[3 * i + 1] = rgba[4 * i + 1];
      data[3 * i + 2] = rgba[4 * i + 2];
    }
    return data;
  }
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = rgba[4 * i];
  return data;
}
