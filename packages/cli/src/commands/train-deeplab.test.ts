import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { _runCommand, _scratchDir } from './_test_cli.js';
import { registerTrainDeepLab } from './train-deeplab.js';
import { registerPredict } from './predict.js';

const run = (args: string[]) => _runCommand([registerTrainDeepLab, registerPredict], args);

function png(width: number, height: number, channels: 1 | 3, f: (x: number, y: number) => number[]): Buffer {
  const p = new PNG({ width, height, colorType: channels === 1 ? 0 : 2, inputColorType: channels === 1 ? 0 : 2, inputHasAlpha: false });
  p.data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) p.data.set(f(x, y), (y * width + x) * channels);
  return PNG.sync.write(p, { colorType: channels === 1 ? 0 : 2, inputColorType: channels === 1 ? 0 : 2, inputHasAlpha: false });
}

describe('ganseg train-deeplab / predict', () => {
  it('trains on a dataset folder, resumes, and writes masks and overlays', async () => {
    const dir = _scratchDir('ganseg-deeplab-');
    const ds = path.join(dir, 'ds');
    mkdirSync(path.join(ds, 'images'), { recursive: true });
    mkdirSync(path.join(ds, 'masks'), { recursive: true });
    for (let k = 0; k < 2; k++) {
      const inside = (x: number, y: number) => x > 4 + k && x < 12 && y > 3 && y < 13 - k;
      writeFileSync(path.join(ds, 'images', `a${k}.png`), png(17, 17, 3, (x, y) => (inside(x, y) ? [220, 30, 30] : [40, 90, 40])));
      writeFileSync(path.join(ds, 'masks', `a${k}.png`), png(17, 17, 1, (x, y) => [inside(x, y) ? 1 : 0]));
    }
    writeFileSync(path.join(ds, 'dataset.json'), JSON.stringify({ classes: ['ground', { name: 'box', color: [255, 255, 0] }] }));
    const out = path.join(dir, 'run');
    const common = ['train-deeplab', ds, '-o', out, '--backbone', 'resnet18', '--width', '0.0625', '--batch', '2', '--crop', '17', '--workers', '2'];
    await run([...common, '--epochs', '1']);
    await expect(run([...common, '--epochs', '2'])).rejects.toThrow(/--resume/);
    await run([...common, '--epochs', '2', '--resume']);
    const meta = JSON.parse(readFileSync(path.join(out, 'model.json'), 'utf8')).meta;
    expect(meta.epoch).toBe(2);
    await run(['predict', '--model', out, path.join(ds, 'images', 'a0.png'), path.join(ds, 'images', 'a1.png'), '-o', path.join(dir, 'pred')]);
    expect(readdirSync(path.join(dir, 'pred', 'masks')).sort()).toEqual(['a0.png', 'a1.png']);
    const mask = PNG.sync.read(readFileSync(path.join(dir, 'pred', 'masks', 'a0.png')));
    expect([mask.width, mask.height]).toEqual([17, 17]);
    for (let i = 0; i < 17 * 17; i++) expect(mask.data[i * 4]).toBeLessThan(2);
    const overlay = PNG.sync.read(readFileSync(path.join(dir, 'pred', 'overlays', 'a1.png')));
    expect([overlay.width, overlay.height]).toEqual([17, 17]);
    await expect(run(['predict', '--model', out, path.join(dir, 'nope.png'), '-o', path.join(dir, 'pred')])).rejects.toThrow(/nope\.png/);
  }, 60_000);
});
