import { createRng } from '@ganseg/runtime';
import { createConfig, weightSpec } from '@ganseg/stylegan';
import { CheckpointError, detectCheckpointFormat, guardCheckpointRead, readCheckpointBytes, readMxnetParams, unpickleTorchObjects } from '@ganseg/checkpoint-readers';
import { mergeIntoSpec } from './merge-into-spec.js';
import { _gluonToFound } from './_gluon.js';
import { _officialToFound } from './_official.js';
import { _adaToFound, _isAdaSnapshot } from './_ada.js';
import type { CanonicalCheckpoint } from './_types.js';

/** Options of {@link readStyleGANCheckpoint}. */
export interface ReadStyleGANOptions {
  /** Input format; `auto` (default) detects it from the content. */
  from?: 'auto' | 'pkl' | 'gluon';
  /** The name used in errors when `source` is bytes. */
  file?: string;
  /** Seed of the noise buffers filled in for Gluon files (which store none). Default 0. */
  noiseSeed?: number;
}

/**
 * Reads a StyleGAN generator checkpoint into canonical weights: the official NVIDIA pickle of
 * StyleGAN (`karras2019stylegan-ffhq-1024x1024.pkl`) or StyleGAN2 (`stylegan2-car-config-f.pkl`:
 * the `Gs` network of the (G, D, Gs) tuple), a StyleGAN2-ADA / StyleGAN3-code PyTorch pickle
 * (`G_ema` of the snapshot dict, StyleGAN2 generators only; persisted classes are data, their
 * embedded source is never run), or the paper's MXNet Gluon `.params` (attribute-path or older
 * prefixed names). Names, layouts and
 * scales become the official TF ones (`G_mapping/Dense0/weight` [in, out], conv [kh, kw, in, out]),
 * the config is deduced from the shapes, and everything passes the strict {@link mergeIntoSpec}.
 *
 * @param source a file path, or its bytes
 * @param options format, file name, noise seed
 * @returns config, weights in spec order, ignored keys, notes
 * @example
 * ```ts
 * const { config, weights } = await readStyleGANCheckpoint('karras2019stylegan-ffhq-1024x1024.pkl');
 * config.resolution; // 1024
 * ```
 */
export async function readStyleGANCheckpoint(source: string | Uint8Array, options: ReadStyleGANOptions = {}): Promise<CanonicalCheckpoint> {
  const { file, bytes } = await readCheckpointBytes(source, options.file);
  const detected = detectCheckpointFormat(bytes, file);
  const from = options.from && options.from !== 'auto' ? options.from : detected;
  if (from !== detected) {
    throw new CheckpointError('bad-magic', file, `--from ${from} was asked but the content is ${detected === 'torch' ? 'a PyTorch checkpoint' : `a ${detected} file`}`, { expected: from, found: detected });
  }
  if (from === 'torch') {
    throw new CheckpointError('unknown-format', file, 'this is a PyTorch checkpoint, not a StyleGAN generator; read it with readTorchCheckpoint', { found: 'torch' });
  }
  const params = from === 'gluon' ? await readMxnetParams(bytes, file) : undefined;
  const f = guardCheckpointRead(file, () => (params === undefined
    ? _pickleToFound(unpickleTorchObjects(bytes, { file }).value, file)
    : _gluonToFound(params, file, options.noiseSeed ?? 0, (seed) => { const r = createRng(seed); return (n) => r.normalArray(n); })));
  let config;
  try {
    config = createConfig(f.config, file);
  } catch (err) {
    throw new CheckpointError('malformed', file, `the weights imply an invalid StyleGAN config: ${(err as Error).message}`, { key: 'config', found: JSON.stringify(f.config) });
  }
  const weights = mergeIntoSpec(guardCheckpointRead(file, () => weightSpec(config)), f.found, file);
  return { format: from, config, weights, ignored: f.ignored, notes: f.notes, source: f.source };
}

/** An official TF pickle (StyleGAN or StyleGAN2: a (G, D, Gs) tuple) or an ADA snapshot (a dict with G_ema). */
function _pickleToFound(value: unknown, file: string): ReturnType<typeof _officialToFound> {
  return _isAdaSnapshot(value) ? _adaToFound(value, file) : _officialToFound(value, file);
}
