import { CheckpointError, NdArray, PyObject } from '@ganseg/checkpoint-readers';
import { createConfig } from '@ganseg/stylegan';
import { _fitFmaps } from './_spec.js';
import type { StyleGANConfig, WeightArray } from './_types.js';
import { _checkStylegan2Kwargs, _shapeOf, _stylegan2Config } from './_official2.js';

const NETWORK = 'dnnlib.tflib.network.Network';

/** What a reader hands to the strict merge. */
export interface _Found {
  config: StyleGANConfig;
  found: Record<string, WeightArray>;
  ignored: string[];
  notes: string[];
  /** What the file turned out to be, in words (e.g. `official StyleGAN2 TensorFlow pickle (Gs)`). */
  source: string;
}

/**
 * The unpickled official file -> Gs's variables under canonical names, and the config deduced
 * from the shapes (static_kwargs where shapes say nothing: mapping_lrmul, fused_scale). StyleGAN
 * (v1, `networks_stylegan`) and StyleGAN2 (`networks_stylegan2`: the same pickle structure, other
 * variable names) are told apart by their build functions.
 */
export function _officialToFound(value: unknown, file: string): _Found {
  let gs: PyObject | undefined;
  if (Array.isArray(value) && value.length === 3 && value.every((v) => v instanceof PyObject && v.className === NETWORK)) gs = value[2] as PyObject;
  else if (value instanceof PyObject && value.className === NETWORK) gs = value;
  if (!gs) {
    throw new CheckpointError('malformed', file, 'pickle is not an official StyleGAN network file: expected a tuple (G, D, Gs) of dnnlib.tflib.network.Network',
      { key: 'Gs', expected: 'tuple (G, D, Gs)', found: Array.isArray(value) ? `tuple of ${value.length}` : typeof value });
  }
  const state = _state(gs, file, 'Gs');
  const found: Record<string, WeightArray> = {};
  const ignored: string[] = [];
  const kwargs = new Map<string, unknown>();
  const funcs: string[] = [];
  const add = (net: PyObject, prefix: string): void => {
    const st = _state(net, file, prefix || 'Gs');
    const func = st.get('build_func_name');
    if (typeof func === 'string') funcs.push(func);
    const sk = st.get('static_kwargs');
    if (sk instanceof Map) for (const [k, v] of sk) kwargs.set(String(k), v);
    const vars = st.get('variables');
    if (!Array.isArray(vars)) throw new CheckpointError('malformed', file, `network ${prefix || 'Gs'} has no variables list`, { key: `${prefix || 'Gs'}.variables` });
    for (const entry of vars) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') {
        throw new CheckpointError('malformed', file, `network ${prefix || 'Gs'} has a variable entry that is not (name, array)`, { key: `${prefix || 'Gs'}.variables` });
      }
      const name = prefix ? `${prefix}/${entry[0]}` : entry[0];
      const v = entry[1];
      if (name === 'G_synthesis/lod' || /^G_synthesis\/ToRGB_lod[1-9]\d*\//.test(name)) { ignored.push(name); continue; }
      if (v instanceof NdArray && v.built) found[name] = { shape: v.shape, dtype: v.dtype, data: v.data };
      else if (typeof v === 'number') found[name] = { shape: [], dtype: 'float32', data: Float32Array.of(v) };
      else throw new CheckpointError('malformed', file, `variable ${name} is not a numeric array`, { key: name });
    }
  };
  add(gs, '');
  const comps = state.get('components');
  if (comps instanceof Map) {
    for (const [, comp] of comps) {
      if (!(comp instanceof PyObject) || comp.className !== NETWORK) throw new CheckpointError('malformed', file, 'a component of Gs is not a Network', { key: 'Gs.components' });
      const cname = _state(comp, file, 'component').get('name');
      add(comp, typeof cname === 'string' ? cname : 'component');
    }
  }
  const notes: string[] = [];
  if (funcs.some((f) => /stylegan2/i.test(f))) {
    _checkStylegan2Kwargs(funcs, kwargs, file);
    const lr = kwargs.get('mapping_lrmul');
    const config = _stylegan2Config(found, file, { mappingLrmul: typeof lr === 'number' ? lr : undefined });
    const psi = kwargs.get('truncation_psi');
    if (typeof psi === 'number') notes.push(`the pickle's Gs default truncation_psi is ${psi}; ganseg applies truncation only when asked (--truncation)`);
    return { config, found, ignored, notes, source: 'official StyleGAN2 TensorFlow pickle (Gs of the (G, D, Gs) tuple)' };
  }
  const config = _deduceConfig(found, kwargs, file, notes);
  return { config, found, ignored, notes, source: 'official StyleGAN TensorFlow pickle (Gs of the (G, D, Gs) tuple)' };
}

function _state(net: PyObject, file: string, what: string): Map<unknown, unknown> {
  const st = net.state;
  if (!(st instanceof Map)) throw new CheckpointError('malformed', file, `network ${what} has no state dict`, { key: what });
  const version = st.get('version');
  if (typeof version === 'number' && (version < 2 || version > 4)) {
    throw new CheckpointError('malformed', file, `network ${what} has pickle version ${version}; versions 2-4 are read`, { key: `${what}.version`, expected: '2..4', found: String(version) });
  }
  return st;
}

function _deduceConfig(found: Record<string, WeightArray>, kw: Map<string, unknown>, file: string, notes: string[]): StyleGANConfig {
  const num = (k: string): number | undefined => (typeof kw.get(k) === 'number' ? (kw.get(k) as number) : undefined);
  const { mappingLayers, d0, dl, R } = _shapeOf(found, file);
  const channels: number[] = [];
  const c4 = found['G_synthesis/4x4/Conv/weight'];
  channels.push(c4 && c4.shape.length === 4 ? c4.shape[3] : (num('fmap_max') ?? 512));
  for (let r = 3; r <= R; r++) {
    const w = found[`G_synthesis/${2 ** r}x${2 ** r}/Conv1/weight`];
    channels.push(w.shape.length === 4 ? w.shape[3] : 0);
  }
  const fit = _fitFmaps(channels);
  const rgb = found['G_synthesis/ToRGB_lod0/weight'];
  const resolution = 2 ** R;
  const fused = kw.get('fused_scale');
  const fusedScaleFrom = fused === true ? 8 : fused === false ? resolution * 2 : 128;
  if (num('resolution') !== undefined && num('resolution') !== resolution) {
    notes.push(`static_kwargs say resolution ${num('resolution')}, the weights ${resolution}`);
  }
  return {
    ...createConfig(), // the official defaults, for the keys the file does not set
    resolution,
    latentSize: d0.shape[0],
    dlatentSize: dl.shape[1],
    mappingLayers,
    mappingFmaps: mappingLayers > 1 ? d0.shape[1] : (num('mapping_fmaps') ?? d0.shape[1]),
    mappingLrmul: num('mapping_lrmul') ?? 0.01,
    fmapBase: num('fmap_base') ?? fit.fmapBase,
    fmapDecay: num('fmap_decay') ?? fit.fmapDecay,
    fmapMax: num('fmap_max') ?? fit.fmapMax,
    numChannels: rgb && rgb.shape.length === 4 ? rgb.shape[3] : (num('num_channels') ?? 3),
    fusedScaleFrom,
  };
}
