import { describe, expect, it } from 'vitest';
import { readPngHeader } from './read-png-header.js';
import { PngError } from './png-error.js';
import { hostilePng } from './_test_hostile.js';

describe('readPngHeader', () => {
  it('reads what a file claims without decoding it', () => {
    expect(readPngHeader(hostilePng('huge-claim.png'))).toEqual({ width: 30000, height: 30000, depth: 8, colorType: 0, interlace: 0 });
    expect(readPngHeader(hostilePng('grey16.png'))).toMatchObject({ width: 8, height: 6, depth: 16, colorType: 0 });
  });
  it('refuses what is not a PNG header', () => {
    expect(() => readPngHeader(Uint8Array.of(1, 2, 3))).toThrow(PngError);
    const b = new Uint8Array(hostilePng('grey1.png'));
    b[20] ^= 1; // height byte: the IHDR CRC no longer matches
    expect(() => readPngHeader(b)).toThrow(/IHDR CRC mismatch/);
  });
});
