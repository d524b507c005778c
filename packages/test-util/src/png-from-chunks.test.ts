import { describe, expect, it } from 'vitest';
import { pngFromChunks } from './png-from-chunks.js';

describe('pngFromChunks', () => {
  it('writes the signature, then each chunk with its length, type, data and CRC', () => {
    const png = pngFromChunks([['tEXt', Uint8Array.of(1, 2, 3)], ['IEND', new Uint8Array(0)]]);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(8)).toBe(3);
    expect(png.subarray(12, 16).toString('ascii')).toBe('tEXt');
    expect([...png.subarray(16, 19)]).toEqual([1, 2, 3]);
    // every PNG's IEND chunk: length 0, 'IEND', CRC ae426082
    expect(png.subarray(png.length - 12).toString('hex')).toBe('0000000049454e44ae426082');
    expect(png.length).toBe(8 + (12 + 3) + 12);
  });
});
