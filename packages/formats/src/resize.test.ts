import path from 'node:path';
import { promises as fs } from 'node:fs';
import { decodePng } from '@ganseg/io';
import { describe, expect, it } from 'vitest';
import { resizeImage } from './resize-image.js';
import { resizeMask } from './resize-mask.js';
import { FIXTURES, readGrey } from './_test_fixtures.js';

const RS = path.join(FIXTURES, 'resize');

describe('resizeImage and resizeMask', () => {
  it('match torch bilinear (align_corners=False) within 1 and nearest-exact exactly, down and up', async () => {
    const src = decodePng(await fs.readFile(path.join(RS, 'source.png')), { channels: 3 });
    const lab = await readGrey(path.join(RS, 'source-mask.png'));
    for (const [w, h] of [[16, 10], [50, 31]]) {
      const ref = decodePng(await fs.readFile(path.join(RS, `bilinear-${w}x${h}.png`)), { channels: 3 });
      const got = resizeImage({ data: src.data, width: src.width, height: src.height }, w, h);
      expect([got.width, got.height]).toEqual([w, h]);
      let worst = 0;
      for (let i = 0; i < ref.data.length; i++) worst = Math.max(worst, Math.abs(ref.data[i] - got.data[i]));
      expect(worst).toBeLessThanOrEqual(1);
      const refM = await readGrey(path.join(RS, `nearest-${w}x${h}.png`));
      const gotM = resizeMask(lab, w, h);
      expect(Buffer.from(gotM.data).equals(Buffer.from(refM.data))).toBe(true);
    }
  });
});
