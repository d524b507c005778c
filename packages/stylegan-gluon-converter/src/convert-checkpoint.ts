import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { _atomicDir } from './_fs.js';
import { _gluonFiles } from './_gluon-export.js';
import { _tfjsFiles } from './_tfjs-export.js';
import type { StyleGANConfig } from './_types.js';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { _describeCheckpoint } from './_describe.js';
import { createConfig } from '@ganseg/stylegan';

/** Options of {@link convertCheckpoint}. */
export interface ConvertOptions {
  /** Input format (default `auto`: by content). */
  from?: 'auto' | 'pkl' | 'gluon';
  /** Output: `tfjs` (model.json + shards, default) or `gluon` (generator.params + config.json). */
  to?: 'tfjs' | 'gluon';
  /** Replace a non-empty output folder. */
  overwrite?: boolean;
  /** Seed of the noise buffers filled in for Gluon inputs. */
  noiseSeed?: number;
  /**
   * Rows the generator's images drop top and bottom, at the output resolution (written into the
   * config as `crop`; tfjs output only). Pickles do not record it: the official LSUN Car models
   * need `{ top: 64, bottom: 64 }` for their 512x384 images.
   */
  crop?: { top: number; bottom: number };
  /** Called with a short message at each stage. */
  onProgress?: (message: string) => void;
}

/** What {@link convertCheckpoint} did. */
export interface ConvertResult {
  from: 'pkl' | 'gluon';
  to: 'tfjs' | 'gluon';
  config: StyleGANConfig;
  /** Files written, relative to the output folder. */
  files: string[];
  /** Number of canonical weights. */
  weightCount: number;
  /** Keys read and deliberately dropped. */
  ignored: string[];
  notes: string[];
  /** What the input was found to be, in one line: source, architecture, resolution, widths, mapping, w_avg. */
  found: string;
}

/**
 * Converts a StyleGAN checkpoint (official StyleGAN or StyleGAN2 TF pickle, StyleGAN2-ADA PyTorch
 * pickle, or the paper's Gluon `.params`, detected by content) to the tfjs layout of
 * `@ganseg/stylegan` or (StyleGAN v1 only) to a Gluon `.params`. Everything is
 * written into a temp folder that is renamed to `outDir` at the end: a failure leaves nothing.
 *
 * @param file the checkpoint
 * @param outDir the output folder
 * @param options formats, overwrite, progress
 * @returns formats, config, files, ignored keys, notes
 * @example
 * ```ts
 * await convertCheckpoint('karras2019stylegan-ffhq-1024x1024.pkl', 'ffhq-tfjs');
 * const gen = await loadGenerator('ffhq-tfjs'); // @ganseg/stylegan
 * ```
 */
export async function convertCheckpoint(file: string, outDir: string, options: ConvertOptions = {}): Promise<ConvertResult> {
  const to = options.to ?? 'tfjs';
  const progress = options.onProgress ?? (() => {});
  progress(`reading ${file}`);
  const ck = await readStyleGANCheckpoint(file, { from: options.from ?? 'auto', noiseSeed: options.noiseSeed });
  const from = ck.format;
  const notes = ck.notes.slice();
  const found = _describeCheckpoint(ck);
  progress(`found ${found}`);
  if (to === 'gluon' && ck.config.architecture === 'stylegan2') {
    throw new CheckpointError('bad-value', file, 'this is a StyleGAN2 generator; the Gluon writer holds the paper\'s StyleGAN (v1) layout only: convert it to tfjs', { key: 'to', expected: 'tfjs', found: 'gluon' });
  }
  let config = ck.config;
  if (options.crop !== undefined) {
    if (to !== 'tfjs') {
      throw new CheckpointError('bad-value', file, 'a crop is recorded in the tfjs config only; the Gluon writer has no place for it', { key: 'crop', expected: 'to tfjs', found: to });
    }
    config = createConfig({ ...ck.config, crop: options.crop }, file);
    notes.push(`crop: rows ${options.crop.top} top and ${options.crop.bottom} bottom dropped (images ${config.resolution} wide, ${config.resolution - options.crop.top - options.crop.bottom} rows), as asked; the checkpoint does not record it`);
  }
  let files: string[] = [];
  progress(`writing ${to} to ${outDir}`);
  await _atomicDir(outDir, options.overwrite ?? false, async (tmp) => {
    if (to === 'tfjs') {
      files = await _tfjsFiles(tmp, config, ck.weights);
    } else {
      notes.push(...(await _gluonFiles(tmp, ck.config, ck.weights)));
      files = ['generator.params', 'config.json'];
    }
  });
  progress('done');
  return { from, to, config, files, weightCount: Object.keys(ck.weights).length, ignored: ck.ignored, notes, found };
}
