// Test helpers: a small random StyleGAN and a workspace whose masks are a known function of the
// generator's features (sign of a fixed random projection of the 16x16 block, bilinearly upsampled).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { encodePng } from '@ganseg/io';
import { createRng } from '@ganseg/runtime';
import { StyleGAN, createConfig } from '@ganseg/stylegan';
import type { SampleMeta } from '@ganseg/formats';
import { regenerateFeatures } from './regenerate-features.js';
import { sampleWorkspace } from './sample-workspace.js';

export function _smallGenerator(seed = 1): StyleGAN {
  return StyleGAN.random(createConfig({ resolution: 32, latentSize: 32, dlatentSize: 32, mappingLayers: 2, mappingFmaps: 32, fmapBase: 64, fmapMax: 32 }), seed);
}

/**
 * The known mask of a sample: 1 where a fixed random projection of the 16x16 block is positive,
 * upsampled to 32x32 nearest (what the conv decoder's x2 nearest upsampling can represent exactly) or
 * bilinearly (a linear function of the MLP's bilinearly upsampled input).
 */
export function _knownMask(gen: StyleGAN, meta: SampleMeta, mode: 'nearest' | 'bilinear' = 'nearest', band = 0.15, threshold = 0): Uint8Array {
  const { image, maps } = regenerateFeatures(gen, meta, { layers: ['16x16'] });
  const c = maps[0].shape[3];
  const v = createRng(12345).normalArray(c);
  const s = tf.tidy(() => {
    const proj = tf.sum(tf.mul(maps[0], tf.tensor1d(v)), 3, true);
    const up = mode === 'bilinear' ? tf.image.resizeBilinear(proj as tf.Tensor4D, [32, 32], false, true) : tf.image.resizeNearestNeighbor(proj as tf.Tensor4D, [32, 32]);
    return up;
  });
  const d = s.dataSync();
  tf.dispose([image, ...maps, s]);
  let mean = 0;
  for (const x of d) mean += Math.abs(x) / d.length;
  // pixels within `band` of the threshold (relative to the mean |projection|) are the ambiguous
  // boundary: marked ignore (255), so the test also exercises the ignore label
  return Uint8Array.from(d, (x) => (Math.abs(x - threshold) < band * mean ? 255 : x > threshold ? 1 : 0));
}

export async function _tmpDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A workspace of n samples from `seed`, annotated with the known mask (index PNGs) for the first `annotate`. */
export async function _knownWorkspace(gen: StyleGAN, n: number, annotate: number, mode: 'nearest' | 'bilinear' = 'nearest', seed = 0): Promise<string> {
  const ws = await _tmpDir('ganseg-ws-');
  const ids = await sampleWorkspace({ generator: gen, n, seed, truncation: 0.8, out: ws });
  for (const id of ids.slice(0, annotate)) {
    const meta = JSON.parse(await fs.readFile(path.join(ws, 'samples', `${id}.json`), 'utf8'));
    await fs.writeFile(path.join(ws, 'masks', `${id}.png`), encodePng({ data: _knownMask(gen, meta, mode), width: 32, height: 32, channels: 1 }));
  }
  return ws;
}
