// unpickleTorchObjects and collectTorchTensors on fixtures/persisted-module.pkl (written by
// tools/stylegan2-ref/write_checkpoints.py): a StyleGAN2-ADA-style snapshot with known values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { collectTorchTensors } from './collect-torch-tensors.js';
import { PyObject } from './pickle-values.js';
import { unpickle } from './unpickle.js';
import { unpickleTorchObjects } from './unpickle-torch-objects.js';
import { fixture } from './_test_fixtures.js';

const file = fixture('persisted-module.pkl');
const bytes = new Uint8Array(readFileSync(file));

describe('unpickleTorchObjects', () => {
  it('reads persisted modules as data records, nested storages as tensors, EasyDict and set as data', () => {
    const v = unpickleTorchObjects(bytes, { file }).value as Map<string, unknown>;
    expect([...v.keys()]).toEqual(['G_ema', 'augment_pipe', 'tags']);
    expect(v.get('augment_pipe')).toBe(null);
    expect(v.get('tags')).toEqual(new Set([1, 2]));
    const g = v.get('G_ema') as PyObject;
    expect(g).toBeInstanceOf(PyObject);
    expect(g.className).toBe('training.networks.Generator');
    const st = g.state as Map<string, unknown>;
    expect(st.get('init_kwargs')).toEqual(new Map<string, unknown>([['z_dim', 4], ['c_dim', 0]]));
    expect(st.has('module_src')).toBe(false);
    const fc = (st.get('_modules') as Map<string, unknown>).get('fc0') as PyObject;
    expect(fc.className).toBe('training.networks.FullyConnectedLayer');
    const tree = new Map<string, unknown>([
      ...(st.get('_parameters') as Map<string, unknown>),
      ...(st.get('_buffers') as Map<string, unknown>),
      ['fc0', (fc.state as Map<string, unknown>).get('_parameters')],
    ]);
    const sd = collectTorchTensors(tree, file);
    expect(Object.keys(sd)).toEqual(['weight', 'w_avg', 'fc0.bias']);
    expect(sd.weight).toEqual({ shape: [2, 3], dtype: 'float32', data: Float32Array.of(0, 1, 2, 3, 4, 5) });
    expect([...sd.w_avg.data]).toEqual([1, 2, 3]);
    expect([...sd['fc0.bias'].data]).toEqual([0.5, -0.5]);
  });

  it('the plain unpickler refuses the same file, naming the persistence global', () => {
    expect(() => unpickle(bytes, { file })).toThrow(CheckpointError);
    expect(() => unpickle(bytes, { file })).toThrow(/torch_utils\.persistence\._reconstruct_persistent_obj/);
  });

  it('a persistence record that is not {type: class, class_name, state} is malformed', () => {
    const b = Buffer.from(bytes);
    const at = b.indexOf('training.networks.Generator');
    const bad = Buffer.concat([b.subarray(0, b.lastIndexOf('class', at)), Buffer.from('klass'), b.subarray(b.lastIndexOf('class', at) + 5)]);
    expect(() => unpickleTorchObjects(new Uint8Array(bad), { file: 'bad.pkl' })).toThrow(/not \{type: 'class', class_name, state\}/);
  });
});
