import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CLASSES, writeClasses, writeSample, type ClassInfo, type SampleMeta } from '@ganseg/formats';
import { DEFAULT_TRUNCATION, defaultCutoff, imageToBytes, type StyleGAN } from '@ganseg/stylegan';
import { sampleMetaFromSeed } from './sample-meta-from-seed.js';
import { hashGenerator } from './hash-generator.js';
import { regenerateFeatures } from './regenerate-features.js';

/** Options of {@link sampleWorkspace}. */
export interface SampleWorkspaceOptions {
  generator: StyleGAN;
  /** Number of samples. */
  n: number;
  /** Seed of the first sample; sample i uses seed + i. Default 0. */
  seed?: number;
  /** Truncation psi; default 0.7. */
  truncation?: number;
  /** Truncation cutoff (layers); default the official one (`defaultCutoff`: v1 8, StyleGAN2 every layer). */
  cutoff?: number;
  /** Noise: 'seeded' (noise seed = latent seed, default) or 'stored' (the generator's buffers). */
  noise?: 'seeded' | 'stored';
  /** Classes; default background + hair. */
  classes?: ClassInfo[];
  /** Workspace folder. */
  out: string;
  /** First id number (ids are `s` + 4 digits); default: after the samples already there. */
  startIndex?: number;
  /** Called after each sample. */
  onProgress?: (p: { done: number; total: number; id: string }) => void;
}

/**
 * Creates (or extends) an annotation workspace: `samples/<id>.png` (the generated image),
 * `samples/<id>.json` ({@link SampleMeta}: seed, latent z, truncation, cutoff, noise seed,
 * generator hash) and `classes.json`; `masks/` is left for the annotator. Ids are `s0000`,
 * `s0001`, ... Every file is written to a temporary name, then renamed.
 *
 * @param options Generator, count, seeds, truncation, classes, folder.
 * @returns The ids written.
 * @example
 * ```ts
 * const ids = await sampleWorkspace({ generator: gen, n: 20, seed: 0, truncation: 0.7, out: 'ws' });
 * ```
 */
export async function sampleWorkspace(options: SampleWorkspaceOptions): Promise<string[]> {
  const gen = options.generator;
  const classes = options.classes ?? DEFAULT_CLASSES.map((c) => ({ ...c, color: [...c.color] as [number, number, number] }));
  const seed0 = options.seed ?? 0;
  const truncation = options.truncation ?? DEFAULT_TRUNCATION;
  const cutoff = options.cutoff ?? defaultCutoff(gen.config);
  const sdir = path.join(options.out, 'samples');
  await fs.mkdir(sdir, { recursive: true });
  await fs.mkdir(path.join(options.out, 'masks'), { recursive: true });
  await writeClasses(options.out, classes);
  let start = options.startIndex;
  if (start === undefined) {
    const have = (await fs.readdir(sdir)).map((f) => /^s(\d+)\.json$/.exec(f)).filter((m) => m).map((m) => Number((m as RegExpExecArray)[1]));
    start = have.length ? Math.max(...have) + 1 : 0;
  }
  const hash = hashGenerator(gen);
  const ids: string[] = [];
  for (let i = 0; i < options.n; i++) {
    const id = `s${String(start + i).padStart(4, '0')}`;
    const seed = seed0 + i;
    const meta = sampleMetaFromSeed(gen, seed, { id, truncation, cutoff, noiseSeed: options.noise === 'stored' ? null : seed, generator: hash });
    const { image, maps } = regenerateFeatures(gen, meta, { layers: [gen.activationNames().filter((n) => !n.includes('/'))[0]] });
    const rgb = imageToBytes(image);
    tf.dispose([image, ...maps]);
    await writeSample(options.out, meta, rgb);
    ids.push(id);
    options.onProgress?.({ done: i + 1, total: options.n, id });
  }
  return ids;
}
