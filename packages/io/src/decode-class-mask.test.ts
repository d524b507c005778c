import { describe, expect, it } from 'vitest';
import { decodeClassMask } from './decode-class-mask.js';
import { encodePng } from './encode-png.js';
import { PngError } from './png-error.js';
import { hostileExpected, hostilePng } from './_test_hostile.js';

const { width, height, colors } = hostileExpected;
const opts = { width, height, numClasses: 2, colors };
const err = (f: () => unknown): PngError => {
  try { f(); } catch (e) { if (e instanceof PngError) return e; throw e; }
  throw new Error('no error');
};

describe('decodeClassMask: labels are never silently changed', () => {
  it.each([
    ['grey16.png', 'index'], ['grey1.png', 'index'], ['palette.png', 'index'], ['rgb-classes.png', 'rgb'], ['rgba16.png', 'rgb'], ['grey3.png', 'grey3'],
  ])('%s reads as %s, every label kept', (name, format) => {
    const m = decodeClassMask(hostilePng(name), opts);
    expect(m.format).toBe(format);
    expect(Array.from(m.mask)).toEqual(hostileExpected.masks[name]);
  });

  it('2- and 4-bit masks are indices (three classes), an interlaced one too', () => {
    for (const name of ['grey2.png', 'grey4.png']) expect(Array.from(decodeClassMask(hostilePng(name), { ...opts, numClasses: 3 }).mask)).toEqual(hostileExpected.masks[name]);
    const m = decodeClassMask(hostilePng('grey8-interlaced.png'), { width: 13, height: 11, numClasses: 2 });
    expect(Array.from(m.mask)).toEqual(hostileExpected.masks['grey8-interlaced.png']);
  });

  it('one stray pixel does not switch the mask to three-level grey: an error naming the pixel', () => {
    const e = err(() => decodeClassMask(hostilePng('stray7.png'), opts));
    expect([e.x, e.y]).toEqual([6, 4]);
    expect(e.message).toMatch(/pixel \(6, 4\) has value 7: no class id \(expected 0\.\.1 or 255 \(ignore\)\); nor a three-level grey mask, since pixel \(\d+, \d+\) holds the class id 1/);
    // asked for, the three-level reading is used
    expect(decodeClassMask(hostilePng('stray7.png'), { ...opts, format: 'grey3' }).format).toBe('grey3');
  });

  it('RGB only through class colours; index reading refuses RGB (no red-channel reading)', () => {
    expect(() => decodeClassMask(hostilePng('rgb-classes.png'), { ...opts, colors: undefined })).toThrow(/no class colours were given/);
    expect(() => decodeClassMask(hostilePng('rgb-classes.png'), { ...opts, format: 'index' })).toThrow(/is an RGB PNG; expected class indices/);
    const grey = encodePng({ data: new Uint8Array(width * height * 3).fill(1), width, height, channels: 3 });
    expect(err(() => decodeClassMask(grey, opts)).message).toMatch(/pixel \(0, 0\) has colour \(1, 1, 1\), which is no class colour/);
  });

  it('a palette whose index and colour disagree is ambiguous; either reading can be forced', () => {
    const e = err(() => decodeClassMask(hostilePng('palette-swapped.png'), opts));
    expect(e.message).toMatch(/palette index 0, drawn in the colour \(255, 0, 0\) of class 1: the index and the colour disagree/);
    expect(decodeClassMask(hostilePng('palette-swapped.png'), { ...opts, format: 'index' }).format).toBe('index');
    // by colour, the ignore index 255 (drawn (7, 7, 7)) is no class colour
    expect(() => decodeClassMask(hostilePng('palette-swapped.png'), { ...opts, format: 'rgb' })).toThrow(/pixel \(0, 0\) has colour \(7, 7, 7\)/);
  });

  it('ids out of range name the pixel; the size is checked before decoding', () => {
    const ids = new Uint8Array(width * height);
    ids[2 * width + 3] = 5;
    const e = err(() => decodeClassMask(encodePng({ data: ids, width, height, channels: 1 }), { ...opts, numClasses: 3 }));
    expect(e.message).toMatch(/pixel \(3, 2\) has class id 5; expected 0\.\.2 or 255/);
    expect(() => decodeClassMask(hostilePng('huge-claim.png'), opts)).toThrow(/is 30000x30000; expected 8x6/);
    expect(() => decodeClassMask(hostilePng('broken-zlib.png'), opts)).toThrow(/does not inflate/);
  });
});
