import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, BackendError } from './init-backend.js';

describe('initBackend', () => {
  it('picks wasm on a machine without tfjs-node', async () => {
    const info = await initBackend();
    expect(info.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.tfjs).toBe(tf.version_core);
    expect(info.gpu).toBe(false);
  });

  it('refuses an unknown backend with a message naming it', async () => {
    await expect(initBackend({ backend: 'webgpu-please' })).rejects.toThrow(BackendError);
    await expect(initBackend({ backend: 'webgpu-please' })).rejects.toThrow(/webgpu-please.*tensorflow, wasm, cpu/);
  });

  it('honours an explicit cpu', async () => {
    const info = await initBackend({ backend: 'cpu' });
    expect(info.backend).toBe('cpu');
    await initBackend({ backend: 'wasm' });
    expect(tf.getBackend()).toBe('wasm');
  });
});
