import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { nativeKernelsActive } from './native-kernels-active.js';
import { nativeStatus } from './native-status.js';
import { setup } from './_test_util.js';

describe('nativeKernelsActive', () => {
  it('is false on cpu, and on wasm true exactly when the addon registered its kernels', async () => {
    await tf.setBackend('cpu');
    expect(nativeKernelsActive()).toBe(false);
    const s = await setup();
    expect(tf.getBackend()).toBe('wasm');
    expect(nativeKernelsActive()).toBe(s.enabled);
    expect(s.enabled).toBe(nativeStatus().enabled);
  });
});
