import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerNativeKernels, type NativeStatus } from '@ganseg/native';
import { registerWasmTrainingKernels } from './register-wasm-training-kernels.js';
import { _installSharingClone } from './_sharing-clone.js';

/** A backend name ganseg knows how to start. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** What {@link initBackend} chose, and why. */
export interface BackendInfo {
  /** The active tfjs backend: `tensorflow` (tfjs-node or tfjs-node-gpu), `wasm` or `cpu`. */
  backend: string;
  /** The version of `@tensorflow/tfjs-core` in use. */
  tfjs: string;
  /** Whether a CUDA build (`@tensorflow/tfjs-node-gpu`) was loaded. */
  gpu: boolean;
  /** Which package provided the `tensorflow` backend, if any. */
  nodePackage: string | null;
  /** Why this backend was chosen, in words. */
  reason: string;
  /**
   * @ganseg/native's oneDNN kernels under wasm: enabled with oneDNN's version, ISA and threads,
   * or why not (another backend, no addon built, `GANSEG_NATIVE=0`).
   */
  native: NativeStatus;
}

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /** Force a backend; overrides `GANSEG_BACKEND`. */
  backend?: string;
  /** Where to look for `@tensorflow/tfjs-node(-gpu)` besides this package; default `process.cwd()`. */
  searchFrom?: string;
  /**
   * OpenMP threads of the native kernels called from this thread; default `GANSEG_NATIVE_THREADS`,
   * else OpenMP's default (every core). {@link WorkerPool} workers use 1 each.
   */
  nativeThreads?: number;
}

/** Raised when a backend that was asked for by name cannot start. */
export class BackendError extends Error {
  override name = 'BackendError';
}

let current: BackendInfo | null = null;

/** Imports a package by name, first as this package sees it, then from `dir` (the user's project). */
async function _importOptional(name: string, dir: string): Promise<boolean> {
  try {
    await import(name);
    return true;
  } catch {
    try {
      const req = createRequire(path.join(dir, 'noop.js'));
      await import(pathToFileURL(req.resolve(name)).href);
      return true;
    } catch {
      return false;
    }
  }
}

async function _tryNode(dir: string): Promise<string | null> {
  for (const name of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    if (await _importOptional(name, dir)) {
      if (tf.findBackend('tensorflow') != null) return name;
    }
  }
  return null;
}

/**
 * Starts the fastest TensorFlow.js backend this machine has, once per process.
 *
 * Order: `options.backend`, else `GANSEG_BACKEND`, else `tensorflow` when
 * `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` can be imported (from this package or
 * from the current directory's project), else `wasm`, else `cpu`. On wasm it registers the
 * gradient kernels that training needs and the wasm backend lacks, then @ganseg/native's oneDNN
 * kernels over them where the addon was built (`GANSEG_NATIVE=0` turns them off,
 * `GANSEG_NATIVE=require` makes a missing addon an error).
 *
 * @param options Force a backend or say where to look for tfjs-node.
 * @returns What was chosen and why.
 * @example
 * ```ts
 * import { initBackend } from '@ganseg/runtime';
 * const info = await initBackend();
 * console.log(info.backend, info.native.enabled); // "wasm true" with libdnnl-dev, no tfjs-node
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const asked = options.backend ?? process.env.GANSEG_BACKEND ?? '';
  if (current && (asked === '' || asked === current.backend)) return current;
  const dir = options.searchFrom ?? process.cwd();
  let nodePackage: string | null = null;
  let reason: string;
  let chosen: string;
  if (asked !== '') {
    if (asked === 'tensorflow') {
      nodePackage = await _tryNode(dir);
      if (nodePackage == null) {
        throw new BackendError(
          'GANSEG_BACKEND=tensorflow but neither @tensorflow/tfjs-node-gpu nor @tensorflow/tfjs-node ' +
            'can be imported. Install one (`pnpm add @tensorflow/tfjs-node-gpu` with CUDA) or unset GANSEG_BACKEND.',
        );
      }
    } else if (!['wasm', 'cpu'].includes(asked)) {
      throw new BackendError(`Unknown backend "${asked}" (from ${options.backend ? 'options.backend' : 'GANSEG_BACKEND'}); expected one of tensorflow, wasm, cpu.`);
    }
    chosen = asked;
    reason = options.backend ? 'asked for by the caller' : 'asked for by GANSEG_BACKEND';
  } else {
    nodePackage = await _tryNode(dir);
    if (nodePackage) {
      chosen = 'tensorflow';
      reason = `${nodePackage} is installed`;
    } else {
      chosen = 'wasm';
      reason = 'tfjs-node is not installed; wasm is the fastest portable backend';
    }
  }
  let ok = await tf.setBackend(chosen);
  if (!ok && chosen === 'wasm') {
    chosen = 'cpu';
    reason = 'the wasm backend failed to start';
    ok = await tf.setBackend('cpu');
  }
  if (!ok) throw new BackendError(`The ${chosen} backend failed to start.`);
  await tf.ready();
  // Registers the wasm kernels and widens the conv gradients to dilations > 1 on every backend,
  // then the oneDNN kernels over them (each falls back to the kernel it replaced).
  registerWasmTrainingKernels();
  // the tensors kept for gradients: shared without a kernel call where the backend shares them anyway
  _installSharingClone(true);
  const native: NativeStatus =
    tf.getBackend() === 'wasm'
      ? registerNativeKernels({ threads: options.nativeThreads })
      : { enabled: false, reason: `the ${tf.getBackend()} backend runs its own kernels (native ones run under wasm)`, kernels: [] };
  current = {
    backend: tf.getBackend(),
    tfjs: tf.version_core,
    gpu: nodePackage === '@tensorflow/tfjs-node-gpu',
    nodePackage,
    reason,
    native,
  };
  return current;
}
