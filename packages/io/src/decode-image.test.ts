import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';
import { encodePng } from './encode-png.js';
import { ImageError } from './image-error.js';

/** A smooth RGB gradient, `w x h`, the kind of picture JPEG keeps well. */
function gradient(w: number, h: number): Uint8Array {
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      rgb[i] = Math.round((255 * x) / Math.max(1, w - 1));
      rgb[i + 1] = Math.round((255 * y) / Math.max(1, h - 1));
      rgb[i + 2] = 128;
    }
  }
  return rgb;
}

function toJpeg(rgb: Uint8Array, w: number, h: number, quality = 95): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    rgba.set(rgb.subarray(3 * i, 3 * i + 3), 4 * i);
    rgba[4 * i + 3] = 255;
  }
  return jpeg.encode({ data: rgba, width: w, height: h }, quality).data;
}

describe('decodeImage', () => {
  it('reads JPEGs of different sizes to RGB close to the source', () => {
    for (const [w, h] of [[17, 9], [64, 48], [33, 80]]) {
      const src = gradient(w, h);
      const img = decodeImage(toJpeg(src, w, h));
      expect(img.format).toBe('jpeg');
      expect([img.width, img.height, img.channels, img.data.length]).toEqual([w, h, 3, w * h * 3]);
      let err = 0;
      for (let i = 0; i < src.length; i++) err += Math.abs(src[i] - img.data[i]);
      expect(err / src.length).toBeLessThan(3);
    }
  });

  it('reads a PNG the way decodePng does, by its first bytes whatever the name', () => {
    const png = encodePng({ data: Uint8Array.of(1, 2, 3, 4, 5, 6), width: 2, height: 1, channels: 3 });
    const img = decodeImage(png);
    expect(img.format).toBe('png');
    expect(Array.from(img.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(decodeImage(png, { channels: 1 }).data)).toEqual([1, 4]);
    expect(decodeImage(png, { channels: 4 }).data.length).toBe(8);
  });

  it('gives 1 and 4 channels of a JPEG', () => {
    const j = toJpeg(gradient(8, 8), 8, 8);
    expect(decodeImage(j, { channels: 1 }).data.length).toBe(64);
    const rgba = decodeImage(j, { channels: 4 }).data;
    expect(rgba.length).toBe(256);
    expect(rgba[3]).toBe(255);
  });

  it('refuses a truncated JPEG, other formats and too large images with an ImageError', () => {
    const j = toJpeg(gradient(32, 32), 32, 32);
    expect(() => decodeImage(j.subarray(0, 40))).toThrow(ImageError);
    expect(() => decodeImage(j.subarray(0, 40))).toThrow(/not a readable JPEG/);
    expect(() => decodeImage(Buffer.from('GIF89a....'))).toThrow(/not a PNG or a JPEG \(first bytes 47494638\)/);
    expect(() => decodeImage(new Uint8Array(0))).toThrow(/first bytes none/);
    expect(() => decodeImage(j, { maxMegapixels: 0.0001 })).toThrow(ImageError);
    const png = encodePng({ data: new Uint8Array(3), width: 1, height: 1, channels: 3 });
    expect(() => decodeImage(png.subarray(0, 20))).toThrow(ImageError);
  });
});
