import { readStyleGANCheckpoint } from './read-stylegan-checkpoint.js';
import { _atomicDir } from './_fs.js';
import { _gluonFiles } from './_gluon-export.js';
import { _tfjsFiles } from './_tfjs-export.js';
import type { StyleGANConfig } from './_types.js';
import { CheckpointError } from '@ganseg/checkpoint-readers';
import { _describeCheckpoint } from './_describe.js';

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
  let files: string[] = [];
  progress(`writing ${to} to ${outDir}`);
  await _atomicDir(outDir, options.overwrite ?? false, async (tmp) => {
    if (to === 'tfjs') {
      files = await _tfjsFiles(tmp, ck.config, ck.weights);
    } else {
      notes.push(...(await _gluonFiles(tmp, ck.config, ck.weights)));
      files = ['generator.params', 'config.json'];
    }
  });
  progress('done');
  return { from, to, config: ck.config, files, weightCount: Object.keys(ck.weights).length, ignored: ck.ignored, notes, found };
}
