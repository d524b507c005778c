import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { _packageFile, _runCommand, _scratchDir } from './_test_cli.js';
import { registerGenerate } from './generate.js';

const FIXTURE = _packageFile('stylegan', 'fixtures/res16');
const run = (args: string[]) => _runCommand([registerGenerate], args);

describe('ganseg generate', () => {
  it('writes one PNG a seed and a grid; same seed, same image; seed lists parsed', async () => {
    const dir = _scratchDir('ganseg-generate-');
    await run(['generate', '--generator', FIXTURE, '--seeds', '0-2,7', '--truncation', '0.7', '--batch', '4', '-o', path.join(dir, 'a')]);
    expect(readdirSync(path.join(dir, 'a')).sort()).toEqual(['grid.png', 'seed0000.png', 'seed0001.png', 'seed0002.png', 'seed0007.png']);
    const img = PNG.sync.read(readFileSync(path.join(dir, 'a', 'seed0007.png')));
    expect([img.width, img.height]).toEqual([16, 16]);
    const grid = PNG.sync.read(readFileSync(path.join(dir, 'a', 'grid.png')));
    expect(grid.width).toBe(2 + 2 * (16 + 2)); // 4 images: 2 x 2
    // batch composition does not change an image
    await run(['generate', '--generator', FIXTURE, '--seeds', '7', '--truncation', '0.7', '-o', path.join(dir, 'b')]);
    const alone = PNG.sync.read(readFileSync(path.join(dir, 'b', 'seed0007.png'))).data;
    let maxDiff = 0;
    for (let i = 0; i < alone.length; i++) maxDiff = Math.max(maxDiff, Math.abs(alone[i] - img.data[i]));
    expect(maxDiff).toBeLessThanOrEqual(1); // float rounding at a quantisation edge at most
    expect(readFileSync(path.join(dir, 'a', 'seed0001.png')).equals(readFileSync(path.join(dir, 'a', 'seed0002.png')))).toBe(false);
    await expect(run(['generate', '--generator', FIXTURE, '--seeds', '3-1', '-o', path.join(dir, 'c')])).rejects.toThrow(/end before start/);
    await expect(run(['generate', '--generator', FIXTURE, '--seeds', '1,x', '-o', path.join(dir, 'c')])).rejects.toThrow(/bad seed list/);
  });
});
