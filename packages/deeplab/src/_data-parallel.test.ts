import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, crossEntropyWithIgnore, initBackend } from '@ganseg/runtime';
import { maxAbsDiff } from '@ganseg/test-util';
import { createDeepLab } from './create-deeplab.js';
import { createTrainStep } from './create-train-step.js';
import { _DataParallel } from './_data-parallel.js';

describe('_DataParallel', () => {
  it('averages the shard gradients and running statistics of its workers, then takes the SGD step', async () => {
    await initBackend({ backend: 'wasm' });
    const cfg = { numClasses: 3, backbone: 'resnet18' as const, width: 0.0625 };
    const rng = createRng(8);
    const [b, h, w] = [3, 17, 17];
    const x = rng.normalArray(b * h * w * 3);
    const y = Int32Array.from(rng.uniformArray(b * h * w), (u) => Math.floor(u * 3));
    // Reference: shards [0, 2) and [2, 3) by hand on one thread.
    const twin = createDeepLab(cfg, { seed: 2 });
    const vars = twin.trainableVariables();
    const k = twin.spec.filter((e) => e.trainable).findIndex((e) => e.name === 'backbone.layer2.0.conv1.weight');
    const w0 = await vars[k].data();
    const rm0 = await twin.weights.get('backbone.bn1.running_mean')!.data();
    const shard = async (from: number, n: number) => {
      const xt = tf.tensor4d(x.slice(from * h * w * 3, (from + n) * h * w * 3), [n, h, w, 3]);
      const yt = tf.tensor3d(y.slice(from * h * w, (from + n) * h * w), [n, h, w], 'int32');
      twin.weights.get('backbone.bn1.running_mean')!.assign(tf.tensor(rm0));
      const { value, grads } = tf.variableGrads(() => crossEntropyWithIgnore(twin.forward(xt, { training: true }), yt), vars);
      const out = { loss: (await value.data())[0], g: await grads[vars[k].name].data(), rm: await twin.weights.get('backbone.bn1.running_mean')!.data() };
      tf.dispose([xt, yt, value, grads]);
      return out;
    };
    const s1 = await shard(0, 2);
    const s2 = await shard(2, 1);
    twin.dispose();

    const model = createDeepLab(cfg, { seed: 2 });
    const step = createTrainStep(model, { wd: 0, momentum: 0.9 });
    const dp = new _DataParallel(model, 2);
    try {
      const loss = await dp.run(step.apply, x, y, [b, h, w], 255, 0.1);
      expect(loss).toBeCloseTo((2 * s1.loss + s2.loss) / 3, 5);
      const g = Float32Array.from(s1.g, (v, i) => (2 * v + s2.g[i]) / 3);
      const w1 = await model.trainableVariables()[k].data();
      expect(maxAbsDiff(w1, Float32Array.from(w0, (v, i) => v - 0.1 * g[i]))).toBeLessThan(1e-5);
      const rm = await model.weights.get('backbone.bn1.running_mean')!.data();
      expect(maxAbsDiff(rm, Float32Array.from(s1.rm, (v, i) => (2 * v + s2.rm[i]) / 3))).toBeLessThan(1e-6);
    } finally {
      await dp.close();
      await step.dispose();
      model.dispose();
    }
  }, 30_000);
});
