import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { WeightsMismatchError } from '@ganseg/io';
import { createRng, initBackend } from '@ganseg/runtime';
import { latentFromSeed, type StyleGAN } from '@ganseg/stylegan';
import { trainDecoder, type TrainProgress } from './train-decoder.js';
import { predictMask } from './predict-mask.js';
import { saveDecoder } from './save-decoder.js';
import { loadDecoder } from './load-decoder.js';
import { regenerateFeatures } from './regenerate-features.js';
import { DecoderError } from './decoder-error.js';
import type { SampleMeta } from '@ganseg/formats';
import type { Decoder } from './decoder.js';
import type { DecoderConfig } from './decoder-config.js';
import { _initConvDecoder } from './_conv-decoder.js';
import { _knownMask, _knownWorkspace, _smallGenerator, _tmpDir } from './_test_setup.js';

let gen: StyleGAN;
let ws: string;
let wsBilinear: string;
const held = (s: number): SampleMeta => ({ format: 'ganseg-sample', version: 1, id: `h${s}`, seed: s, z: Array.from(latentFromSeed(s, 32)), truncation: 0.8, cutoff: 8, noiseSeed: s, generator: '', width: 32, height: 32 });

/** IoU of class 1 over 8 held-out seeds (never seen in training), outside the ignore band; mean uncertainty on wrong and right pixels. */
function heldOutIoU(dec: Decoder, mode: 'nearest' | 'bilinear' = 'nearest'): { iou: number; uncertaintyWrong: number; uncertaintyRight: number } {
  // intersection and union of class 1; uncertainty summed and counted on wrong and right pixels
  const t = { inter: 0, uni: 0, uw: 0, nw: 0, ur: 0, nr: 0 };
  for (let s = 100; s < 108; s++) {
    const target = _knownMask(gen, held(s), mode);
    const { image, maps } = regenerateFeatures(gen, held(s), dec.spec);
    const [p] = predictMask(dec, maps);
    tf.dispose([image, ...maps]);
    for (let i = 0; i < 1024; i++) {
      if (target[i] === 255) continue; // the ambiguous band at the boundary
      if (p.mask[i] === 1 && target[i] === 1) t.inter++;
      if (p.mask[i] === 1 || target[i] === 1) t.uni++;
      if (p.mask[i] === target[i]) (t.ur += p.uncertainty[i]), t.nr++;
      else (t.uw += p.uncertainty[i]), t.nw++;
    }
  }
  return { iou: t.inter / t.uni, uncertaintyWrong: t.nw ? t.uw / t.nw : 0, uncertaintyRight: t.ur / t.nr };
}

beforeAll(async () => {
  await initBackend(); // wasm: the decoder's conv gradients are written in plain ops (see _conv-grad.ts)
  gen = _smallGenerator();
  ws = await _knownWorkspace(gen, 22, 20, 'nearest'); // 20 annotated, 2 left unannotated
  wsBilinear = await _knownWorkspace(gen, 20, 20, 'bilinear');
});
afterAll(async () => {
  gen.dispose();
  await fs.rm(ws, { recursive: true, force: true });
  await fs.rm(wsBilinear, { recursive: true, force: true });
});

describe('trainDecoder', () => {
  it('the conv decoder learns a known function of the features from 20 samples (held-out IoU >= 0.95), saves and loads, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const progress: TrainProgress[] = [];
    const warnings: string[] = [];
    const { decoder, log } = await trainDecoder({ generator: gen, workspace: ws, arch: 'conv', layers: ['16x16', '32x32'], epochs: CONV_EPOCHS, optimizer: 'adam', lr: 0.002, bnFreeze: 0.5, onProgress: (p) => progress.push(p), onWarning: (w) => warnings.push(w) });
    expect(log.samples.length).toBe(20);
    expect(log.skipped).toEqual(['s0020', 's0021']);
    expect(warnings.length).toBe(2);
    expect(progress.filter((p) => p.phase === 'train').length).toBe(10 * CONV_EPOCHS); // 2 images a step
    expect(log.options).toMatchObject({ batchSize: 2 });
    const { iou } = heldOutIoU(decoder);
    console.info(`conv decoder: held-out IoU ${iou.toFixed(4)}`);
    expect(iou).toBeGreaterThanOrEqual(0.95);
    const dir = await _tmpDir('ganseg-dec-');
    await saveDecoder(decoder, path.join(dir, 'dec'), { trainLog: log });
    expect((await fs.readdir(path.join(dir, 'dec'))).sort()).toEqual(['model.json', 'train-log.json', 'weights.bin']);
    const mj = JSON.parse(await fs.readFile(path.join(dir, 'dec', 'model.json'), 'utf8'));
    expect(mj).toMatchObject({ format: 'ganseg-decoder', arch: 'conv', classes: [{ name: 'background' }, { name: 'hair' }] });
    const loaded = await loadDecoder(path.join(dir, 'dec'));
    const { image, maps } = regenerateFeatures(gen, held(100), decoder.spec);
    const [a] = predictMask(decoder, maps);
    const [b] = predictMask(loaded, maps);
    tf.dispose([image, ...maps]);
    expect(Array.from(b.mask)).toEqual(Array.from(a.mask));
    expect(Array.from(b.probs)).toEqual(Array.from(a.probs));
    decoder.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // a manifest that does not fit the architecture: one WeightsMismatchError naming the file and the keys
    const mjFile = path.join(dir, 'dec', 'model.json');
    const edited = JSON.parse(JSON.stringify(mj));
    delete edited.weightsHash;
    const first = edited.weightsManifest[0].weights[0].name;
    edited.weightsManifest[0].weights[0].name = 'm0/bogus';
    await fs.writeFile(mjFile, JSON.stringify(edited));
    const err = await loadDecoder(path.join(dir, 'dec')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeightsMismatchError);
    expect([(err as WeightsMismatchError).missing, (err as WeightsMismatchError).unexpected]).toEqual([[first], ['m0/bogus']]);
    expect((err as Error).message).toMatch(/model\.json: the weights do not match the conv decoder's parameters/);
    expect(tf.memory().numTensors).toBe(before);
    await fs.writeFile(mjFile, JSON.stringify(mj));
    // a damaged file is refused by name
    const bin = path.join(dir, 'dec', 'weights.bin');
    await fs.writeFile(bin, (await fs.readFile(bin)).subarray(4));
    await expect(loadDecoder(path.join(dir, 'dec'))).rejects.toThrow(/weights\.bin: sha256 differs/);
    await fs.rm(dir, { recursive: true });
  }, 120_000);

  it('a step of 2 images gives the same decoder on 1 worker as on 2 (data parallel, BN per image)', async () => {
    const opts = { generator: gen, workspace: ws, arch: 'conv' as const, layers: ['16x16', '32x32'], epochs: 2, batchSize: 2, bnFreeze: 0.5, seed: 3 };
    const one = await trainDecoder({ ...opts, workers: 1 });
    const two = await trainDecoder({ ...opts, workers: 2 });
    expect(one.log.options).toMatchObject({ workers: 1 });
    expect(two.log.options).toMatchObject({ workers: 2 });
    const a = one.decoder.members[0];
    const b = two.decoder.members[0];
    let checked = 0;
    for (const [name, v] of Object.entries(a)) {
      const d = tf.tidy(() => tf.max(tf.abs(tf.sub(v, b[name]))).dataSync()[0]);
      expect(d, name).toBeLessThanOrEqual(1e-6);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
    // and training moved the weights from their init (the comparison is not between two untouched inits)
    const init = _initConvDecoder(one.decoder.config as Extract<DecoderConfig, { arch: 'conv' }>, createRng('3/member0'));
    const w = 'cvt0/conv/w';
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a[w], init[w]))).dataSync()[0])).toBeGreaterThan(1e-3);
    tf.dispose(Object.values(init));
    for (const r of [one, two]) r.decoder.dispose();
  }, 60_000);

  it('the MLP ensemble learns the bilinear version (held-out IoU >= 0.95), its members disagree most where it is wrong, and it saves and loads', async () => {
    const before = tf.memory().numTensors;
    const { decoder, log } = await trainDecoder({ generator: gen, workspace: wsBilinear, arch: 'mlp', layers: ['16x16', '32x32'], epochs: 4, ensemble: 3, seed: 1 });
    expect(decoder.members.length).toBe(3);
    expect(log.epochs.length).toBe(12);
    expect(decoder.spec).toEqual({ layers: ['16x16', '32x32'], resize: 'bilinear', size: 32 });
    const r = heldOutIoU(decoder, 'bilinear');
    console.info(`mlp ensemble: held-out IoU ${r.iou.toFixed(4)}, uncertainty wrong ${r.uncertaintyWrong.toFixed(3)} vs right ${r.uncertaintyRight.toFixed(3)}`);
    expect(r.iou).toBeGreaterThanOrEqual(0.95);
    expect(r.uncertaintyWrong).toBeGreaterThan(2 * r.uncertaintyRight);
    // activations straight from synthesis give the same prediction as arranged maps
    const wplus = tf.tidy(() => gen.truncate(gen.mapping(tf.tensor2d(held(101).z, [1, 32])), 0.8, 8));
    const out = gen.synthesis(wplus, { capture: decoder.captureNames() });
    const [fromActs] = predictMask(decoder, out.activations);
    tf.dispose([wplus, out.image, ...Object.values(out.activations)]);
    expect(fromActs.mask.length).toBe(1024);
    expect(fromActs.uncertainty.every((u) => u >= 0 && u <= 1)).toBe(true);
    const dir = await _tmpDir('ganseg-mlp-');
    await saveDecoder(decoder, dir);
    const loaded = await loadDecoder(dir);
    expect(loaded.members.length).toBe(3);
    const { image, maps } = regenerateFeatures(gen, held(102), decoder.spec);
    const [a] = predictMask(decoder, maps);
    const [b] = predictMask(loaded, maps);
    tf.dispose([image, ...maps]);
    expect(Array.from(b.uncertainty)).toEqual(Array.from(a.uncertainty));
    decoder.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await fs.rm(dir, { recursive: true });
  }, 60_000);

  it('refuses bad inputs with errors that say what was expected', async () => {
    const before = tf.memory().numTensors;
    const empty = await _tmpDir('ganseg-empty-');
    await fs.mkdir(path.join(empty, 'samples'));
    await fs.writeFile(path.join(empty, 'classes.json'), JSON.stringify({ classes: [{ name: 'background', color: [0, 0, 0] }, { name: 'hair', color: [255, 0, 0] }], ignore: 255 }));
    await expect(trainDecoder({ generator: gen, workspace: empty })).rejects.toThrow(/no annotated sample/);
    await expect(trainDecoder({ generator: gen, workspace: ws, layers: ['8x8', '32x32'] })).rejects.toThrow(/twice the side.*"8x8" is followed by "32x32"/);
    await expect(trainDecoder({ generator: gen, workspace: ws, layers: ['9x9'] })).rejects.toThrow(/unknown activation "9x9"/);
    await expect(trainDecoder({ generator: gen, workspace: ws, arch: 'unet' as 'conv' })).rejects.toThrow(DecoderError);
    const other = _smallGenerator(2);
    await expect(trainDecoder({ generator: other, workspace: ws, epochs: 1 })).rejects.toThrow(/was made with generator [0-9a-f]{16}; this generator is [0-9a-f]{16}/);
    other.dispose();
    const { decoder } = await trainDecoder({ generator: gen, workspace: ws, layers: ['16x16', '32x32'], epochs: 1, widths: [4, 4] });
    const wrong = [tf.zeros([1, 16, 16, 3]), tf.zeros([1, 32, 32, 4])] as tf.Tensor4D[];
    expect(() => predictMask(decoder, wrong)).toThrow(/feature map 0 \("16x16"\) has shape \[16,16,3\].*expects \[16,16,8\]/);
    expect(() => predictMask(decoder, { '16x16': wrong[0] })).toThrow(/activation "32x32" is missing/);
    tf.dispose(wrong);
    decoder.dispose();
    await expect(loadDecoder(empty)).rejects.toThrow(/model\.json: cannot read a decoder model\.json/);
    await fs.rm(empty, { recursive: true });
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

const CONV_EPOCHS = 36;
