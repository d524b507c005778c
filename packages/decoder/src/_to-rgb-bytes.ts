/** Image tensor values in about [-1, 1] (NHWC, one image, float32 data) to RGB bytes. */
export function _toRgbBytes(data: Float32Array | Int32Array | Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n * 3; i++) {
    const v = Math.round((data[i] + 1) * 127.5);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
