import { CheckpointError } from '@ganseg/checkpoint-readers';
import {
  _channelFromGluon, _channelToGluon, _convFromGluon, _convToGluon, _denseFromGluon, _denseToGluon,
  _fusedFromGluon, _fusedToGluon, _vector,
} from './_layers.js';
import type { _Found } from './_official.js';
import { stageChannels } from '@ganseg/stylegan';
import { createConfig } from '@ganseg/stylegan';
import { _fitFmaps, _MAX_LOG2_RESOLUTION } from './_spec.js';
import type { StyleGANConfig, WeightArray } from './_types.js';

const SQRT2 = Math.SQRT2;
/** Gluon's mapping lr_mult is hard-coded 0.01 in the paper's networks_stylegan.py. */
const GLUON_MAPPING_LRMUL = 0.01;

/**
 * The older `save_params` names (`mp_dense_0_weight`, `8_conv_1_weight`, `1024_conv_to_rgb_bias`,
 * ...) -> Gluon attribute paths (`mapping.1.weight`, `net3.block0.weight`, `to_rgb10.0.bias`).
 * Names already in attribute form, or unknown, come back unchanged.
 */
export function _gluonAttributeName(name: string): string {
  let m = /^mp_dense_(\d+)_(weight|bias|std)$/.exec(name);
  if (m) return `mapping.${2 * Number(m[1]) + 1}.${m[2]}`;
  m = /^(\d+)_(.+)$/.exec(name);
  if (!m) return name;
  const res = Number(m[1]);
  const r = Math.log2(res);
  if (!Number.isInteger(r)) return name;
  const rest = m[2];
  const table: [RegExp, (x: RegExpExecArray) => string][] = [
    [/^noise_1_scale_factors$/, () => `net${r}.block1.0.scale_factors`],
    [/^bias_1_bias$/, () => `net${r}.block1.1.bias`],
    [/^adain_([12])_dense_affine_(weight|bias|std)$/, (x) => `net${r}.adain${x[1]}.affine.${x[2]}`],
    [/^adain_([12])_norm_(gamma|beta|running_mean|running_var)$/, (x) => `net${r}.adain${x[1]}.instance.${x[2]}`],
    [/^(?:de)?conv_1_(weight|std)$/, (x) => `net${r}.block0.${x[1]}`],
    [/^blur_1_w_kernel$/, () => `net${r}.blur.w_kernel`],
    [/^conv_2_(weight|std)$/, (x) => `net${r}.block2.0.${x[1]}`],
    [/^noise_2_scale_factors$/, () => `net${r}.block2.1.scale_factors`],
    [/^bias_2_bias$/, () => `net${r}.block2.2.bias`],
    [/^conv_to_rgb_(weight|bias|std)$/, (x) => `to_rgb${r}.0.${x[1]}`],
  ];
  for (const [re, f] of table) {
    const x = re.exec(rest);
    if (x) return f(x);
  }
  return name;
}

/** Reads the paper's Gluon generator params (either naming) into canonical names and layouts. */
export function _gluonToFound(params: Record<string, WeightArray>, file: string, noiseSeed: number, stream: (seed: number) => (n: number) => Float32Array): _Found {
  const g: Record<string, WeightArray> = {};
  const original: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const a = _gluonAttributeName(k);
    if (a in g) throw new CheckpointError('malformed', file, `${k} and ${original[a]} are the same parameter in the two namings`, { key: k });
    g[a] = v;
    original[a] = k;
  }
  const used = new Set<string>();
  const ignored: string[] = [];
  const notes: string[] = [];
  const found: Record<string, WeightArray> = {};
  const get = (a: string): WeightArray => {
    const v = g[a];
    if (!v) throw new CheckpointError('missing-key', file, `Gluon parameter ${a} is missing`, { key: a });
    used.add(a);
    return v;
  };
  const shapeIs = (a: string, w: WeightArray, rank: number): void => {
    if (w.shape.length !== rank) {
      throw new CheckpointError('shape-mismatch', file, `${original[a] ?? a} has shape [${w.shape.join(', ')}], expected a ${rank}-D array`,
        { key: original[a] ?? a, expected: `${rank}-D`, found: `[${w.shape.join(', ')}]` });
    }
  };
  // std constant: stored value when present (ignored keys are consumed), else Gluon's default.
  const std = (prefix: string, gain: number, fanIn: number): number => {
    const s = g[`${prefix}.std`];
    if (!s) return gain / Math.sqrt(fanIn);
    used.add(`${prefix}.std`);
    ignored.push(original[`${prefix}.std`]);
    const v = s.data[0];
    if (s.data.length !== 1 || !(v > 0) || !Number.isFinite(v)) {
      throw new CheckpointError('bad-value', file, `${original[`${prefix}.std`]} should be one positive number, found [${[...s.data.slice(0, 4)].join(', ')}]`, { key: original[`${prefix}.std`] });
    }
    return v;
  };
  const constant = (a: string, expect: (i: number) => number, what: string): void => {
    const v = g[a];
    if (!v) return;
    used.add(a);
    ignored.push(original[a]);
    for (let i = 0; i < v.data.length; i++) {
      if (Math.abs(v.data[i] - expect(i)) > 1e-6) {
        throw new CheckpointError('bad-value', file, `${original[a]} should be ${what} (the paper's generator never trains it), found ${v.data[i]} at index ${i}`,
          { key: original[a], expected: what, found: String(v.data[i]) });
      }
    }
  };

  // Mapping.
  const mapIdx = Object.keys(g).map((k) => /^mapping\.(\d+)\.weight$/.exec(k)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1])).sort((a, b) => a - b);
  if (mapIdx.length === 0) throw new CheckpointError('missing-key', file, 'no mapping.<k>.weight (or mp_dense_<i>_weight) found: not the paper\'s Gluon StyleGAN generator', { key: 'mapping.1.weight' });
  mapIdx.forEach((k, i) => {
    if (k !== 2 * i + 1) throw new CheckpointError('unexpected-key', file, `mapping.${k}.weight: mapping dense layers sit at odd indices 1, 3, 5, ...`, { key: `mapping.${k}.weight` });
    const w = get(`mapping.${k}.weight`);
    shapeIs(`mapping.${k}.weight`, w, 2);
    const fanIn = w.shape[1];
    const ratio = (std(`mapping.${k}`, SQRT2, fanIn) * GLUON_MAPPING_LRMUL) / ((SQRT2 / Math.sqrt(fanIn)) * GLUON_MAPPING_LRMUL);
    found[`G_mapping/Dense${i}/weight`] = _denseFromGluon(w, ratio);
    found[`G_mapping/Dense${i}/bias`] = _vector(get(`mapping.${k}.bias`), 1);
  });
  found['dlatent_avg'] = _vector(get('latent_avg'), 1);
  const cst = get('constant_tensor');
  found['G_synthesis/4x4/Const/const'] = _vector(cst, 1);

  // Synthesis blocks.
  const rs = Object.keys(g).map((k) => /^net(\d+)\./.exec(k)).filter((m): m is RegExpExecArray => !!m).map((m) => Number(m[1]));
  const R = Math.max(2, ...rs);
  // Before any block is read or any noise drawn: the claimed resolution within StyleGAN's.
  if (R > _MAX_LOG2_RESOLUTION) {
    throw new CheckpointError('bad-value', file, `the parameters name blocks up to net${R}, a ${2 ** R} px generator; StyleGAN generators go up to ${2 ** _MAX_LOG2_RESOLUTION} px`,
      { key: `net${R}`, expected: `<= ${2 ** _MAX_LOG2_RESOLUTION} px (net${_MAX_LOG2_RESOLUTION})`, found: `${2 ** R} px` });
  }
  const channels: number[] = [];
  let fusedFrom = 2 ** (R + 1);
  for (let r = 2; r <= R; r++) {
    const res = 2 ** r;
    const names = r === 2 ? ['4x4/Const', '4x4/Conv'] : [`${res}x${res}/Conv0_up`, `${res}x${res}/Conv1`];
    const p = `net${r}`;
    if (r > 2) {
      const w = get(`${p}.block0.weight`);
      shapeIs(`${p}.block0.weight`, w, 4);
      const key = `G_synthesis/${names[0]}/weight`;
      if (w.shape[2] === 4) {
        // Fused: Deconvolution [in, out, 4, 4], Gluon fan_in 16*in; official fan_in 9*in.
        const cin = w.shape[0];
        found[key] = _fusedFromGluon(w, std(`${p}.block0`, SQRT2, 16 * cin) / (SQRT2 / Math.sqrt(9 * cin)), file, original[`${p}.block0.weight`]);
        fusedFrom = Math.min(fusedFrom, res);
      } else {
        const cin = w.shape[1];
        found[key] = _convFromGluon(w, std(`${p}.block0`, SQRT2, 9 * cin) / (SQRT2 / Math.sqrt(9 * cin)));
      }
      constant(`${p}.blur.w_kernel`, (i) => [1, 2, 1, 2, 4, 2, 1, 2, 1][i % 9] / 16, 'the [1,2,1]x[1,2,1]/16 blur kernel');
    }
    const w2 = get(`${p}.block2.0.weight`);
    shapeIs(`${p}.block2.0.weight`, w2, 4);
    channels.push(w2.shape[0]);
    found[`G_synthesis/${names[1]}/weight`] = _convFromGluon(w2, std(`${p}.block2.0`, SQRT2, 9 * w2.shape[1]) / (SQRT2 / Math.sqrt(9 * w2.shape[1])));
    const epi = [[`${p}.block1.0`, `${p}.block1.1`, `${p}.adain1`], [`${p}.block2.1`, `${p}.block2.2`, `${p}.adain2`]];
    epi.forEach(([noise, bias, adain], j) => {
      const tf = `G_synthesis/${names[j]}`;
      found[`${tf}/Noise/weight`] = _channelFromGluon(get(`${noise}.scale_factors`));
      found[`${tf}/bias`] = _channelFromGluon(get(`${bias}.bias`));
      const aw = get(`${adain}.affine.weight`);
      shapeIs(`${adain}.affine.weight`, aw, 2);
      found[`${tf}/StyleMod/weight`] = _denseFromGluon(aw, std(`${adain}.affine`, 1, aw.shape[1]) / (1 / Math.sqrt(aw.shape[1])));
      found[`${tf}/StyleMod/bias`] = _vector(get(`${adain}.affine.bias`), 1);
      constant(`${adain}.instance.gamma`, () => 1, 'all ones');
      constant(`${adain}.instance.beta`, () => 0, 'all zeros');
      for (const extra of ['running_mean', 'running_var']) if (g[`${adain}.instance.${extra}`]) { used.add(`${adain}.instance.${extra}`); ignored.push(original[`${adain}.instance.${extra}`]); }
    });
  }
  const rgb = get(`to_rgb${R}.0.weight`);
  shapeIs(`to_rgb${R}.0.weight`, rgb, 4);
  found['G_synthesis/ToRGB_lod0/weight'] = _convFromGluon(rgb, std(`to_rgb${R}.0`, 1, rgb.shape[1]) / (1 / Math.sqrt(rgb.shape[1])));
  found['G_synthesis/ToRGB_lod0/bias'] = _vector(get(`to_rgb${R}.0.bias`), 1);
  const psi = g['truncation_psi'];
  if (psi) {
    used.add('truncation_psi');
    ignored.push('truncation_psi');
    if ([...psi.data].some((v) => v !== 1)) notes.push(`truncation_psi in the file is [${[...psi.data].map((v) => +v.toFixed(3)).join(', ')}]; truncation is a generation option here (--truncation), not part of the weights`);
  }
  // Anything left: passed on under its own name so that the strict merge lists it as unexpected.
  for (const a of Object.keys(g)) if (!used.has(a)) found[original[a]] = g[a];

  const d0 = found['G_mapping/Dense0/weight'];
  const dl = found[`G_mapping/Dense${mapIdx.length - 1}/weight`];
  const fit = _fitFmaps(channels);
  const config: StyleGANConfig = {
    ...createConfig(), // the official defaults, for the keys the file does not set
    resolution: 2 ** R,
    latentSize: d0.shape[0],
    dlatentSize: dl.shape[1],
    mappingLayers: mapIdx.length,
    mappingFmaps: d0.shape[1],
    mappingLrmul: GLUON_MAPPING_LRMUL,
    ...fit,
    numChannels: rgb.shape[0],
    fusedScaleFrom: fusedFrom,
  };
  // Gluon keeps no noise buffers (they are drawn per call): fill the canonical ones from one
  // seeded stream, layer 0 first (the same maps as @ganseg/stylegan's noiseFromSeed(config, seed)).
  const numLayers = 2 * R - 2;
  const normal = stream(noiseSeed);
  for (let i = 0; i < numLayers; i++) {
    const res = 2 ** (2 + Math.floor(i / 2));
    found[`G_synthesis/noise${i}`] = { shape: [1, 1, res, res], dtype: 'float32', data: normal(res * res) };
  }
  notes.push(`Gluon files store no noise buffers: G_synthesis/noise0..${numLayers - 1} were drawn as noiseFromSeed(config, ${noiseSeed})`);
  return { config, found, ignored, notes, source: 'the paper\'s MXNet Gluon .params (StyleGAN)' };
}

/**
 * Canonical weights -> the paper's Gluon generator parameters (attribute-path names, MXNet
 * layouts, every constant its `load_parameters` expects: `std`, blur `w_kernel`, instance-norm
 * gamma/beta, `truncation_psi`). Noise buffers are not written (Gluon draws noise per call).
 */
export function _canonicalToGluon(w: Record<string, WeightArray>, c: StyleGANConfig): { params: Record<string, WeightArray>; notes: string[] } {
  const out: Record<string, WeightArray> = {};
  const notes: string[] = [];
  const one = (v: number): WeightArray => ({ shape: [1], dtype: 'float32', data: Float32Array.of(v) });
  const R = Math.log2(c.resolution);
  out['constant_tensor'] = _vector(w['G_synthesis/4x4/Const/const'], 1);
  out['latent_avg'] = _vector(w['dlatent_avg'], 1);
  out['truncation_psi'] = { shape: [2 * R - 2], dtype: 'float32', data: new Float32Array(2 * R - 2).fill(1) };
  for (let i = 0; i < c.mappingLayers; i++) {
    const k = 2 * i + 1;
    const dw = w[`G_mapping/Dense${i}/weight`];
    const fanIn = dw.shape[0];
    const he = SQRT2 / Math.sqrt(fanIn);
    out[`mapping.${k}.weight`] = _denseToGluon(dw, (he * GLUON_MAPPING_LRMUL) / (he * c.mappingLrmul));
    out[`mapping.${k}.bias`] = _vector(w[`G_mapping/Dense${i}/bias`], c.mappingLrmul / GLUON_MAPPING_LRMUL);
    out[`mapping.${k}.std`] = one(he);
  }
  for (let r = 2; r <= R; r++) {
    const res = 2 ** r;
    const names = r === 2 ? ['4x4/Const', '4x4/Conv'] : [`${res}x${res}/Conv0_up`, `${res}x${res}/Conv1`];
    const p = `net${r}`;
    const ch = stageChannels(c, r - 1);
    if (r > 2) {
      const cw = w[`G_synthesis/${names[0]}/weight`];
      const cin = cw.shape[2];
      const he = SQRT2 / Math.sqrt(9 * cin);
      if (res >= c.fusedScaleFrom) {
        const std = SQRT2 / Math.sqrt(16 * cin);
        out[`${p}.block0.weight`] = _fusedToGluon(cw, std / he);
        out[`${p}.block0.std`] = one(std);
      } else {
        out[`${p}.block0.weight`] = _convToGluon(cw, 1);
        out[`${p}.block0.std`] = one(he);
      }
      const k = new Float32Array(ch * 9);
      for (let i = 0; i < k.length; i++) k[i] = [1, 2, 1, 2, 4, 2, 1, 2, 1][i % 9] / 16;
      out[`${p}.blur.w_kernel`] = { shape: [ch, 1, 3, 3], dtype: 'float32', data: k };
    }
    const epi = [[`${p}.block1.0`, `${p}.block1.1`, `${p}.adain1`], [`${p}.block2.1`, `${p}.block2.2`, `${p}.adain2`]];
    epi.forEach(([noise, bias, adain], j) => {
      const tf = `G_synthesis/${names[j]}`;
      if (j === 1) {
        const cw = w[`${tf}/weight`];
        out[`${p}.block2.0.weight`] = _convToGluon(cw, 1);
        out[`${p}.block2.0.std`] = one(SQRT2 / Math.sqrt(9 * cw.shape[2]));
      }
      out[`${noise}.scale_factors`] = _channelToGluon(w[`${tf}/Noise/weight`]);
      out[`${bias}.bias`] = _channelToGluon(w[`${tf}/bias`]);
      out[`${adain}.affine.weight`] = _denseToGluon(w[`${tf}/StyleMod/weight`], 1);
      out[`${adain}.affine.bias`] = _vector(w[`${tf}/StyleMod/bias`], 1);
      out[`${adain}.affine.std`] = one(1 / Math.sqrt(c.dlatentSize));
      out[`${adain}.instance.gamma`] = { shape: [ch], dtype: 'float32', data: new Float32Array(ch).fill(1) };
      out[`${adain}.instance.beta`] = { shape: [ch], dtype: 'float32', data: new Float32Array(ch) };
    });
  }
  const rgb = w['G_synthesis/ToRGB_lod0/weight'];
  out[`to_rgb${R}.0.weight`] = _convToGluon(rgb, 1);
  out[`to_rgb${R}.0.bias`] = _vector(w['G_synthesis/ToRGB_lod0/bias'], 1);
  out[`to_rgb${R}.0.std`] = one(1 / Math.sqrt(rgb.shape[2]));
  const paperLoads = c.latentSize === 512 && c.dlatentSize === 512 && c.mappingFmaps === 512 && c.mappingLayers === 8
    && c.fusedScaleFrom === 128 && c.numChannels === 3 && c.fmapBase === 8192 && c.fmapMax === 512 && c.fmapDecay === 1;
  if (!paperLoads) notes.push('this config differs from the paper\'s Generator (512-d latents, 8 mapping layers, fmap_base 8192, fused from 128): its networks_stylegan.py will not load the file as is; this package will');
  return { params: out, notes };
}
