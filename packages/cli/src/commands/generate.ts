import type { CAC } from 'cac';
import { parseSeeds } from '../parse-seeds.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { atomicWriteFile, encodePng } from '@ganseg/io';
import { initBackend } from '@ganseg/runtime';
import { imageToBytes, latentFromSeed, loadGenerator, noiseFromSeed } from '@ganseg/stylegan';
import { gridPng, type Tile } from '@ganseg/experiment';

interface _GenerateOptions {
  generator?: string;
  seeds?: string | number;
  truncation?: number | string;
  cutoff?: number | string;
  batch?: number | string;
  storedNoise?: boolean;
  out?: string;
}

/**
 * `ganseg generate --generator <dir> --seeds 0-7 [--truncation 0.7] -o <dir>`: one PNG a seed
 * (`seed0000.png`) and `grid.png`. z = latentFromSeed(seed), noise = noiseFromSeed(seed) (or the
 * stored buffers with --stored-noise), so an image is a pure function of (weights, seed, psi).
 */
export function registerGenerate(cli: CAC): void {
  cli
    .command('generate', 'Generate images from seeds with a StyleGAN generator: one PNG a seed and a grid')
    .option('--generator <dir>', 'Generator folder (model.json + shards, from `ganseg convert`)')
    .option('--seeds <list>', 'Seeds: 0-7, 1,5,9 or 0-3,10 (default 0-7)')
    .option('--truncation <psi>', 'Truncation psi (1 = none)', { default: 1 })
    .option('--cutoff <n>', 'Truncate layers below this index (default the official one: 8 for StyleGAN, every layer for StyleGAN2)')
    .option('--batch <n>', 'Images per forward pass', { default: 4 })
    .option('--stored-noise', 'Use the noise buffers stored with the generator instead of noise from the seed')
    .option('-o, --out <dir>', 'Output folder')
    .action(async (opts: _GenerateOptions) => {
      if (!opts.generator) throw new Error('generate: --generator <dir> is required.');
      if (!opts.out) throw new Error('generate: -o <dir> is required.');
      const seeds = parseSeeds(String(opts.seeds ?? '0-7'));
      const psi = _number(opts.truncation, 'truncation');
      const cutoff = opts.cutoff === undefined ? undefined : _number(opts.cutoff, 'cutoff');
      const batch = Math.max(1, Math.floor(_number(opts.batch, 'batch')));
      await initBackend();
      const gen = await loadGenerator(opts.generator);
      const out = opts.out;
      await fs.mkdir(out, { recursive: true });
      const { latentSize, resolution: R, numChannels } = gen.config;
      const tiles: Tile[] = [];
      const t0 = Date.now();
      try {
        for (let i = 0; i < seeds.length; i += batch) {
          const chunk = seeds.slice(i, i + batch);
          const zData = new Float32Array(chunk.length * latentSize);
          chunk.forEach((s, j) => zData.set(latentFromSeed(s, latentSize), j * latentSize));
          const z = tf.tensor2d(zData, [chunk.length, latentSize]);
          let noise: tf.Tensor4D[] | undefined;
          if (!opts.storedNoise) {
            const per = chunk.map((s) => noiseFromSeed(gen.config, s));
            noise = per[0].map((_, l) => tf.concat(per.map((p) => p[l])) as tf.Tensor4D);
            tf.dispose(per.flat());
          }
          const res = gen.generate({ z, truncation: psi, cutoff, noise });
          const pixels = imageToBytes(res.image);
          tf.dispose([z, res.image, res.wplus, ...(noise ?? [])]);
          for (let j = 0; j < chunk.length; j++) {
            const rgb = _toRgb8(pixels, j, R, numChannels);
            tiles.push({ rgb, width: R, height: R });
            await atomicWriteFile(path.join(out, `seed${String(chunk[j]).padStart(4, '0')}.png`), encodePng({ data: rgb, width: R, height: R, channels: 3 }));
          }
          process.stderr.write(`generate: ${Math.min(i + batch, seeds.length)}/${seeds.length} images (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
        }
      } finally {
        gen.dispose();
      }
      const cols = Math.ceil(Math.sqrt(tiles.length));
      const rows: Tile[][] = [];
      for (let i = 0; i < tiles.length; i += cols) rows.push(tiles.slice(i, i + cols));
      await atomicWriteFile(path.join(out, 'grid.png'), gridPng(rows));
      process.stdout.write(`wrote ${seeds.length} images and grid.png to ${out}\n`);
    });
}

function _number(v: unknown, name: string): number {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`generate: --${name} must be a number, found ${JSON.stringify(v)}.`);
  return n;
}

/** Image j of an NHWC batch of bytes (stylegan's `imageToBytes`) as RGB: one channel is repeated. */
function _toRgb8(bytes: Uint8Array, j: number, R: number, channels: number): Uint8Array {
  if (channels === 3) return bytes.slice(j * R * R * 3, (j + 1) * R * R * 3);
  const rgb = new Uint8Array(R * R * 3);
  const base = j * R * R * channels;
  for (let p = 0; p < R * R; p++) for (let c = 0; c < 3; c++) rgb[p * 3 + c] = bytes[base + p * channels + Math.min(c, channels - 1)];
  return rgb;
}
