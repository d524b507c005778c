import { describe, expect, it } from 'vitest';
import { _decodeRle, _encodeRle } from './_rle.js';

describe('_encodeRle / _decodeRle', () => {
  it('round-trips masks with short and very long runs', () => {
    const data = new Uint8Array(1024 * 1024).fill(255);
    data.fill(3, 100, 100 + 200_000);
    data[5] = 0;
    data[6] = 1;
    const enc = _encodeRle(data);
    expect(enc.length).toBeLessThan(20);
    expect(Buffer.compare(_decodeRle(enc, data.length), data)).toBe(0); // (toEqual on 1M elements is slow)
  });

  it('encodes a run of 300 as value + LEB128 length', () => {
    expect(Array.from(_encodeRle(new Uint8Array(300).fill(7)))).toEqual([7, 300 % 128 | 0x80, 2]);
  });

  it('refuses malformed data', () => {
    expect(() => _decodeRle(Uint8Array.from([1, 0x85]), 5)).toThrow(/truncated/);
    expect(() => _decodeRle(Uint8Array.from([1, 0]), 5)).toThrow(/length 0/);
    expect(() => _decodeRle(Uint8Array.from([1, 6]), 5)).toThrow(/more than the 5/);
    expect(() => _decodeRle(Uint8Array.from([1, 4]), 5)).toThrow(/covers 4 pixels, expected 5/);
    expect(() => _decodeRle(Uint8Array.from([1, 0x80, 0x80, 0x80, 0x80, 0x80, 1]), 5)).toThrow(/longer than 5 bytes/);
  });
});
