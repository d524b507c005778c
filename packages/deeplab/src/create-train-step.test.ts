import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, crossEntropyWithIgnore, initBackend } from '@ganseg/runtime';
import { maxAbsDiff } from '@ganseg/test-util';
import { createDeepLab } from './create-deeplab.js';
import { createTrainStep } from './create-train-step.js';

describe('createTrainStep', () => {
  it("follows PyTorch's SGD (buf = g + wd*w on the first step, w -= lr*buf) and frees what it makes", async () => {
    await initBackend({ backend: 'wasm' });
    const cfg = { numClasses: 3, backbone: 'resnet18' as const, width: 0.0625 };
    const rng = createRng(3);
    const x = rng.normalArray(2 * 17 * 17 * 3);
    const y = Int32Array.from(rng.uniformArray(2 * 17 * 17), (u) => (u < 0.1 ? 255 : Math.floor(u * 3)));
    // Reference gradient from a twin model.
    const twin = createDeepLab(cfg, { seed: 1 });
    const vars = twin.trainableVariables();
    const xt = tf.tensor4d(x, [2, 17, 17, 3]);
    const yt = tf.tensor3d(y, [2, 17, 17], 'int32');
    const { value, grads } = tf.variableGrads(() => crossEntropyWithIgnore(twin.forward(xt, { training: true }), yt), vars);
    const i = twin.spec.filter((e) => e.trainable).findIndex((e) => e.name === 'decoder.conv1.0.weight');
    const g = await grads[vars[i].name].data();
    const w0 = await vars[i].data();
    const refLoss = (await value.data())[0];
    tf.dispose([xt, yt, value, grads]);

    const model = createDeepLab(cfg, { seed: 1 });
    const before = tf.memory().numTensors;
    const step = createTrainStep(model, { wd: 0.01, momentum: 0.9 });
    const loss = await step.run(x, y, [2, 17, 17], 0.5);
    expect(loss).toBeCloseTo(refLoss, 5);
    const buf = await step.momentum[i].data();
    const expectBuf = Float32Array.from(g, (v, k) => v + 0.01 * w0[k]);
    expect(maxAbsDiff(buf, expectBuf)).toBeLessThan(1e-5);
    const w1 = await model.trainableVariables()[i].data();
    expect(maxAbsDiff(w1, Float32Array.from(w0, (v, k) => v - 0.5 * expectBuf[k]))).toBeLessThan(1e-5);
    expect((await step.momentumData()).length).toBe(vars.reduce((a, v) => a + v.size, 0));
    const l2 = await step.run(x, y, [2, 17, 17], 0.05);
    expect(l2).toBeLessThan(loss);
    await step.dispose();
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    twin.dispose();
  });
});
