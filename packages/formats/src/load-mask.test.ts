import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from '@ganseg/io';
import { loadMask } from './load-mask.js';
import { MaskError } from './mask-error.js';
import { DEFAULT_CLASSES } from './default-classes.js';
import { makeClasses } from './make-classes.js';

const _tmpDir = (prefix: string): Promise<string> => fs.mkdtemp(path.join(os.tmpdir(), prefix));
const W = 24;
const H = 20;
const classes = DEFAULT_CLASSES.map((c) => ({ ...c }));
let dir: string;

/** A mask made of shapes COCO polygons can describe exactly: a rectangle, a triangle, a square with a hole; a band of ignore. */
function truth(): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const cx = x + 0.5;
      const cy = y + 0.5;
      let v = 0;
      if (cx > 2 && cx < 9 && cy > 3 && cy < 15) v = 1; // rectangle [2,9]x[3,15]
      if (cy > 1 && cy < 11 && cx > 12 && cx < 12 + (cy - 1)) v = 1; // triangle (12,1) (22,11) (12,11)
      if (cx > 14 && cx < 22 && cy > 12 && cy < 19 && !(cx > 16 && cx < 19 && cy > 14 && cy < 17)) v = 1; // square with hole
      m[y * W + x] = v;
    }
  }
  return m;
}

beforeAll(async () => {
  dir = await _tmpDir('ganseg-masks-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('loadMask', () => {
  it('reads the same class indices from an index PNG, an RGB PNG, an RGBA PNG, a three-level grey PNG and COCO polygons', async () => {
    const t = truth();
    const withIgnore = t.slice();
    for (let x = 0; x < W; x++) withIgnore[x] = 255; // first row not annotated
    const idx = encodePng({ data: withIgnore, width: W, height: H, channels: 1 });
    const rgb = new Uint8Array(W * H * 3);
    const rgba = new Uint8Array(W * H * 4);
    const grey = new Uint8Array(W * H);
    withIgnore.forEach((v, i) => {
      if (v !== 255) {
        rgb.set(classes[v].color, 3 * i);
        rgba.set([...classes[v].color, 255], 4 * i);
      }
      grey[i] = v === 255 ? 10 : v === 0 ? 128 : 250;
    });
    const coco = {
      images: [{ id: 1, width: W, height: H, file_name: 's0000.png' }],
      categories: [{ id: 7, name: 'hair' }, { id: 3, name: 'background' }],
      annotations: [
        { image_id: 1, category_id: 7, segmentation: [[2, 3, 9, 3, 9, 15, 2, 15]], iscrowd: 0 },
        { image_id: 1, category_id: 7, segmentation: [[12, 1, 22, 11, 12, 11]], iscrowd: 0 },
        { image_id: 1, category_id: 7, segmentation: [[14, 12, 22, 12, 22, 19, 14, 19], [16, 14, 19, 14, 19, 17, 16, 17]], iscrowd: 0 },
      ],
    };
    const files: [string, Uint8Array | string, string][] = [
      ['index.png', idx, 'index'],
      ['rgb.png', encodePng({ data: rgb, width: W, height: H, channels: 3 }), 'rgb'],
      ['rgba.png', encodePng({ data: rgba, width: W, height: H, channels: 4 }), 'rgb'],
      ['grey3.png', encodePng({ data: grey, width: W, height: H, channels: 1 }), 'grey3'],
      ['coco.json', JSON.stringify(coco), 'coco'],
    ];
    for (const [name, data, format] of files) {
      await fs.writeFile(path.join(dir, name), data);
      const got = await loadMask(path.join(dir, name), { classes, width: W, height: H });
      expect(got.format).toBe(format);
      const want = name === 'rgb.png' ? t : name === 'coco.json' ? t : withIgnore; // RGB has no ignore colour; COCO leaves uncovered pixels background
      expect(Array.from(got.mask), name).toEqual(Array.from(want));
    }
  });

  it('auto-detects index vs three-level grey, and {0, 255} reads as index unless grey3 is forced', async () => {
    const m = new Uint8Array(W * H);
    m.fill(255, 0, 40);
    await fs.writeFile(path.join(dir, 'amb.png'), encodePng({ data: m, width: W, height: H, channels: 1 }));
    const auto = await loadMask(path.join(dir, 'amb.png'), { classes, width: W, height: H });
    expect(auto.format).toBe('index');
    expect(auto.mask[0]).toBe(255);
    expect(auto.mask[100]).toBe(0);
    const forced = await loadMask(path.join(dir, 'amb.png'), { classes, width: W, height: H, format: 'grey3' });
    expect(forced.mask[0]).toBe(1);
    expect(forced.mask[100]).toBe(255);
  });

  it('names the file, the pixel, the value and what was expected for every bad input', async () => {
    const f = (n: string) => path.join(dir, n);
    await fs.writeFile(f('small.png'), encodePng({ data: new Uint8Array(8 * 8), width: 8, height: 8, channels: 1 }));
    await expect(loadMask(f('small.png'), { classes, width: W, height: H })).rejects.toThrow(/small\.png: is 8x8; expected 24x20/);

    const rgb = new Uint8Array(W * H * 3);
    rgb.set([0, 200, 0], 3 * (5 * W + 7));
    await fs.writeFile(f('badcolour.png'), encodePng({ data: rgb, width: W, height: H, channels: 3 }));
    const e = await loadMask(f('badcolour.png'), { classes, width: W, height: H }).catch((x) => x);
    expect(e).toBeInstanceOf(MaskError);
    expect(e.message).toMatch(/badcolour\.png: pixel \(7, 5\) has colour \(0, 200, 0\).*background \(0, 0, 0\), hair \(255, 0, 0\)/);
    expect([e.x, e.y]).toEqual([7, 5]);

    const three = makeClasses(['background', 'hair', 'skin']);
    const ids = new Uint8Array(W * H);
    ids[3 * W + 4] = 9;
    await fs.writeFile(f('badid.png'), encodePng({ data: ids, width: W, height: H, channels: 1 }));
    await expect(loadMask(f('badid.png'), { classes: three, width: W, height: H })).rejects.toThrow(/badid\.png: pixel \(4, 3\) has class id 9; expected 0\.\.2 \(background, hair, skin\) or 255/);
    await expect(loadMask(f('badid.png'), { classes, width: W, height: H, format: 'index' })).rejects.toThrow(/pixel \(4, 3\) has class id 9; expected 0\.\.1/);

    const coco = { images: [{ id: 1, width: W, height: H }], categories: [{ id: 1, name: 'beard' }], annotations: [] };
    await fs.writeFile(f('badcat.json'), JSON.stringify(coco));
    await expect(loadMask(f('badcat.json'), { classes, width: W, height: H })).rejects.toThrow(/badcat\.json: category "beard" \(id 1\) is no class; expected one of background, hair/);
    await fs.writeFile(f('cocosize.json'), JSON.stringify({ ...coco, images: [{ id: 1, width: 5, height: 5 }], categories: [] }));
    await expect(loadMask(f('cocosize.json'), { classes, width: W, height: H })).rejects.toThrow(/cocosize\.json: image is 5x5; expected 24x20/);
    await fs.writeFile(f('rle.json'), JSON.stringify({ images: [], categories: [{ id: 1, name: 'hair' }], annotations: [{ category_id: 1, segmentation: { counts: [1], size: [W, H] } }] }));
    await expect(loadMask(f('rle.json'), { classes, width: W, height: H })).rejects.toThrow(/RLE/);
    await fs.writeFile(f('notpng.png'), 'hello');
    await expect(loadMask(f('notpng.png'), { classes, width: W, height: H })).rejects.toThrow(/notpng\.png: not a readable PNG \(.+\); expected a PNG or a COCO \.json/);
    await expect(loadMask(f('badid.png'), { classes: three, width: W, height: H, format: 'grey3' })).rejects.toThrow(/exactly 2 classes/);
  });
});

describe('loadMask: hostile and odd masks (tools/hostile-inputs/make_images.py)', () => {
  const here = path.dirname(new URL(import.meta.url).pathname);
  const hostile = (n: string) => path.join(here, '..', 'fixtures', 'hostile', n);
  const exp = JSON.parse(readFileSync(hostile('expected.json'), 'utf8')) as { width: number; height: number; masks: Record<string, number[]> };
  const o = { classes, width: exp.width, height: exp.height };

  it('16-bit and 1-bit masks keep every label; RGB goes through the class colours', async () => {
    for (const [name, format] of [['grey16.png', 'index'], ['grey1.png', 'index'], ['rgb-classes.png', 'rgb']]) {
      const got = await loadMask(hostile(name), o);
      expect(got.format, name).toBe(format);
      expect(Array.from(got.mask), name).toEqual(exp.masks[name]);
    }
  });

  it('a 68-byte PNG claiming 30000x30000 is refused on its header (under 1 s, 300 MB)', async () => {
    const rss0 = process.resourceUsage().maxRSS * 1024;
    const t0 = performance.now();
    await expect(loadMask(hostile('huge-claim.png'), o)).rejects.toThrow(/huge-claim\.png: is 30000x30000; expected 8x6 \(the size of its sample\)/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(300 * 1024 * 1024);
  });

  it('one stray pixel is an error naming it, not a switch to three-level grey; a broken zlib stream and a directory name the file', async () => {
    const e = await loadMask(hostile('stray7.png'), o).catch((x) => x);
    expect(e).toBeInstanceOf(MaskError);
    expect([e.x, e.y]).toEqual([6, 4]);
    expect(e.message).toMatch(/stray7\.png: pixel \(6, 4\) has value 7/);
    await expect(loadMask(hostile('broken-zlib.png'), o)).rejects.toThrow(/broken-zlib\.png: not a readable PNG \(its image data does not inflate/);
    await fs.mkdir(path.join(dir, 'dir.png'), { recursive: true });
    await expect(loadMask(path.join(dir, 'dir.png'), o)).rejects.toThrow(/dir\.png: is a directory; expected a mask file/);
  });
});
