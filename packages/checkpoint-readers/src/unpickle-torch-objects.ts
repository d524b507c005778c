import { CheckpointError } from './checkpoint-error.js';
import { PyObject } from './pickle-values.js';
import { unpickle, type UnpickleOptions, type UnpickleResult } from './unpickle.js';
import { _storageFromBytes } from './_torch.js';

const _PERSIST = 'torch_utils.persistence._reconstruct_persistent_obj';

/**
 * Unpickles a plain `pickle.dump` of PyTorch objects, as NVIDIA's StyleGAN2-ADA, StyleGAN3 and
 * EG3D snapshots are written: tensors whose storages are nested `torch.save` blobs
 * (`torch.storage._load_from_bytes`, parsed with the legacy torch reader), modules persisted by
 * `torch_utils.persistence` (`_reconstruct_persistent_obj(meta)` becomes a {@link PyObject} named
 * by `meta.class_name` whose `state` is the module's `__dict__`; the embedded `module_src` is
 * dropped, never run) and `dnnlib.util.EasyDict` read as a dict. Everything else is
 * {@link unpickle}'s allow-list: nothing from the file is executed.
 *
 * @param bytes the pickle
 * @param options file name for errors, start offset
 * @returns the value (plain data) and the offset after STOP
 * @example
 * ```ts
 * const snap = unpickleTorchObjects(readFileSync('network-snapshot-025000.pkl'), { file: 'snap.pkl' }).value as Map<string, unknown>;
 * (snap.get('G_ema') as PyObject).className; // 'training.networks.Generator'
 * ```
 */
export function unpickleTorchObjects(bytes: Uint8Array, options: Pick<UnpickleOptions, 'file' | 'offset'> = {}): UnpickleResult {
  return unpickle(bytes, {
    ...options,
    globals: {
      [_PERSIST]: (args, file) => {
        const meta = args[0];
        const cls = meta instanceof Map ? meta.get('class_name') : undefined;
        if (!(meta instanceof Map) || meta.get('type') !== 'class' || typeof cls !== 'string') {
          throw new CheckpointError('malformed', file, `${_PERSIST} with a record that is not {type: 'class', class_name, state}`, { key: _PERSIST });
        }
        const o = new PyObject(cls, []);
        o.state = meta.get('state');
        return o;
      },
      'torch.storage._load_from_bytes': (args, file) => _storageFromBytes(args[0], file),
    },
    dictClasses: ['dnnlib.util.EasyDict', 'dnnlib.EasyDict'],
  });
}
