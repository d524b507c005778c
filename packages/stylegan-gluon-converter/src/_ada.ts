import { CheckpointError, collectTorchTensors, PyObject, type WeightArray } from '@ganseg/checkpoint-readers';
import type { _Found } from './_official.js';
import { _stylegan2Config } from './_official2.js';

/** True when the unpickled value is an ADA-style snapshot (a dict holding `G_ema`). */
export function _isAdaSnapshot(value: unknown): boolean {
  return value instanceof Map && value.has('G_ema');
}

/** StyleGAN2-ADA's `training.networks.Generator`, StyleGAN3-code's `training.networks_stylegan2.Generator`, and forks that moved the module. */
const _SG2_CLASSES = /(^|\.)networks(_stylegan2)?\.Generator$/;
const _FILTER = [1, 3, 3, 1];

/**
 * `G_ema` of a StyleGAN2-ADA pickle -> canonical (StyleGAN2 TF) names and layouts, as ADA's own
 * legacy.py maps TF pickles, inverted: conv [O, I, kh, kw] -> [kh, kw, I, O] (conv0 flipped in
 * both spatial axes: ADA's upsampling conv is a true convolution), affine [I, w] -> mod_weight
 * [w, I], affine bias - 1 -> mod_bias, noise_const [r, r] -> noise{i} [1, 1, r, r].
 */
export function _adaToFound(value: unknown, file: string): _Found {
  const g = (value as Map<string, unknown>).get('G_ema');
  if (!(g instanceof PyObject) || !(g.state instanceof Map)) {
    throw new CheckpointError('malformed', file, 'G_ema is not a persisted torch module', { key: 'G_ema', expected: 'torch_utils.persistence object', found: typeof g });
  }
  if (/networks_stylegan3/.test(g.className)) {
    throw new CheckpointError('unknown-format', file,
      `G_ema is a StyleGAN3 generator (${g.className}); StyleGAN3 synthesis (Fourier-feature input, filtered leaky ReLU, per-layer up/down filters) is not implemented: only StyleGAN2 configs of the ADA / StyleGAN3 code are converted`,
      { key: 'G_ema', expected: 'training.networks.Generator (StyleGAN2)', found: g.className });
  }
  if (!_SG2_CLASSES.test(g.className)) {
    throw new CheckpointError('unknown-format', file, `G_ema is a persisted class ${g.className}; expected the StyleGAN2 generator (training.networks.Generator or training.networks_stylegan2.Generator)`,
      { key: 'G_ema', expected: 'training.networks.Generator', found: g.className });
  }
  const kw = _map(g.state.get('init_kwargs'));
  const syn = _map(kw.get('synthesis_kwargs'));
  const map = _map(kw.get('mapping_kwargs'));
  const cdim = kw.get('c_dim') ?? g.state.get('c_dim');
  if (typeof cdim === 'number' && cdim > 0) {
    throw new CheckpointError('unknown-format', file, `G_ema is a conditional generator (c_dim ${cdim}); only unconditional generators are converted`, { key: 'G_ema.init_kwargs.c_dim', expected: '0', found: String(cdim) });
  }
  const arch = syn.get('architecture');
  if (arch !== undefined && arch !== 'skip') {
    throw new CheckpointError('unknown-format', file, `G_ema has synthesis architecture "${String(arch)}"; only "skip" (the default, and every released model) is converted`,
      { key: 'G_ema.init_kwargs.synthesis_kwargs.architecture', expected: 'skip', found: String(arch) });
  }
  const flat = collectTorchTensors(_tree(g, file, 'G_ema', 0), file);
  const found: Record<string, WeightArray> = {};
  const ignored: string[] = [];
  for (const [name, w] of Object.entries(flat)) {
    const m = /^synthesis\.b(\d+)\.(?:(conv0|conv1|torgb)\.)?(.+)$/.exec(name);
    const fc = /^mapping\.fc(\d+)\.(weight|bias)$/.exec(name);
    if (fc) found[`G_mapping/Dense${fc[1]}/${fc[2]}`] = fc[2] === 'weight' ? _permute(w, [1, 0], false) : w;
    else if (name === 'mapping.w_avg') found.dlatent_avg = w;
    else if (m && m[3] === 'resample_filter') { _checkFilter(w, file, name); ignored.push(name); }
    else if (m && !m[2] && m[3] === 'const') found['G_synthesis/4x4/Const/const'] = { ...w, shape: [1, ...w.shape] };
    else if (m && m[2]) {
      const res = Number(m[1]);
      const up = m[2] === 'conv0';
      const scope = m[2] === 'torgb' ? `${res}x${res}/ToRGB` : res === 4 && !up ? '4x4/Conv' : `${res}x${res}/${up ? 'Conv0_up' : 'Conv1'}`;
      const p = `G_synthesis/${scope}`;
      const field = m[3];
      if (field === 'weight') found[`${p}/weight`] = _permute(w, [2, 3, 1, 0], up);
      else if (field === 'affine.weight') found[`${p}/mod_weight`] = _permute(w, [1, 0], false);
      else if (field === 'affine.bias') found[`${p}/mod_bias`] = { ...w, data: w.data.map((v) => v - 1) };
      else if (field === 'noise_const') {
        const idx = res === 4 ? 0 : 2 * Math.round(Math.log2(res)) - (up ? 5 : 4);
        found[`G_synthesis/noise${idx}`] = { ...w, shape: [1, 1, ...w.shape] };
      } else found[`${p}/${field}`] = w; // bias, noise_strength (and anything else: the merge names it)
    } else found[name] = w; // unknown: the strict merge reports it as unexpected
  }
  const lr = map.get('lr_multiplier');
  const clamp = syn.get('conv_clamp');
  const config = _stylegan2Config(found, file, { mappingLrmul: typeof lr === 'number' ? lr : undefined, convClamp: typeof clamp === 'number' ? clamp : 0 });
  const notes: string[] = [];
  const fp16 = syn.get('num_fp16_res');
  if (typeof fp16 === 'number' && fp16 > 0) notes.push(`num_fp16_res ${fp16}: ADA runs the last ${fp16} blocks in float16 on GPUs; the converted generator runs in float32`);
  return { config, found, ignored, notes, source: `StyleGAN2-ADA PyTorch pickle (G_ema, ${g.className})` };
}

function _map(v: unknown): Map<unknown, unknown> {
  return v instanceof Map ? v : new Map();
}

/** A persisted module's parameters, persistent buffers and submodules as a nested Map (state_dict names). */
function _tree(mod: PyObject, file: string, path: string, depth: number): Map<string, unknown> {
  if (depth > 16 || !(mod.state instanceof Map)) {
    throw new CheckpointError('malformed', file, `module ${path} has no state dict or nests deeper than 16`, { key: path });
  }
  const st = mod.state;
  const skip = st.get('_non_persistent_buffers_set');
  const out = new Map<string, unknown>();
  for (const field of ['_parameters', '_buffers']) {
    const m = st.get(field);
    if (m === undefined) continue;
    if (!(m instanceof Map)) throw new CheckpointError('malformed', file, `module ${path}: ${field} is not a dict`, { key: `${path}.${field}` });
    for (const [k, v] of m) if (v !== null && !(skip instanceof Set && skip.has(k))) out.set(String(k), v);
  }
  const subs = st.get('_modules');
  if (subs instanceof Map) {
    for (const [k, v] of subs) {
      if (v === null) continue;
      if (!(v instanceof PyObject)) throw new CheckpointError('malformed', file, `module ${path}.${String(k)} is not a persisted module`, { key: `${path}.${String(k)}` });
      out.set(String(k), _tree(v, file, `${path}.${String(k)}`, depth + 1));
    }
  }
  return out;
}

/** Transposes w to the axes `perm` (then flips the first two axes of a 4-D result when `flip`). */
function _permute(w: WeightArray, perm: number[], flip: boolean): WeightArray {
  const shape = perm.map((p) => w.shape[p]);
  const stride = w.shape.map((_, i) => w.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(w.data.length);
  const idx = new Array(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let src = 0;
    for (let k = 0; k < shape.length; k++) {
      const i = flip && k < 2 ? shape[k] - 1 - idx[k] : idx[k];
      src += i * stride[perm[k]];
    }
    out[o] = w.data[src];
    for (let k = shape.length - 1; k >= 0; k--) { if (++idx[k] < shape[k]) break; idx[k] = 0; }
  }
  return { shape, dtype: w.dtype, data: out };
}

/** The stored resample filter must be the normalised [1,3,3,1] outer product the generator implements. */
function _checkFilter(w: WeightArray, file: string, name: string): void {
  const ok = w.shape.length === 2 && w.shape[0] === 4 && w.shape[1] === 4
    && [...w.data].every((v, i) => Math.abs(v - (_FILTER[i >> 2] * _FILTER[i & 3]) / 64) < 1e-6);
  if (!ok) {
    throw new CheckpointError('bad-value', file, `${name} is not the [1,3,3,1] filter StyleGAN2 uses; only that filter is implemented`,
      { key: name, expected: 'outer([1,3,3,1]) / 64', found: `[${w.shape.join(', ')}] ${[...w.data.slice(0, 4)].map((v) => v.toFixed(4)).join(', ')}...` });
  }
}
