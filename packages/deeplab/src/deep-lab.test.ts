import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { crossEntropyWithIgnore, initBackend } from '@ganseg/runtime';
import { maxAbsDiff } from '@ganseg/test-util';
import { createDeepLab } from './create-deeplab.js';
import { deepLabWeightSpec } from './deeplab-weight-spec.js';
import { resolveDeepLabConfig } from './deeplab-config.js';
import { DeepLabConfigError } from './deeplab-config-error.js';

describe('DeepLab', () => {
  it('gives logits at the input size for every depth and output stride, without leaking tensors', async () => {
    await initBackend({ backend: 'wasm' });
    for (const backbone of ['resnet18', 'resnet34', 'resnet50', 'resnet101'] as const) {
      for (const outputStride of [16, 8] as const) {
        const model = createDeepLab({ numClasses: 5, backbone, width: 0.0625, outputStride });
        const before = tf.memory().numTensors;
        const [shape, l1, l4] = tf.tidy(() => {
          const x = tf.zeros([2, 37, 29, 3]) as tf.Tensor4D;
          const f = model.backbone(x);
          return [model.forward(x).shape, f.layer1.shape, f.layer4.shape];
        });
        expect(tf.memory().numTensors).toBe(before);
        expect(shape).toEqual([2, 37, 29, 5]);
        expect(l1.slice(1, 3)).toEqual([10, 8]);
        expect(l4.slice(1, 3)).toEqual(outputStride === 16 ? [3, 2] : [5, 4]);
        model.dispose();
      }
    }
  });

  it('has the published widths at width 1 (resnet50: 23.5M backbone parameters, as torchvision without fc)', () => {
    const spec = deepLabWeightSpec(resolveDeepLabConfig({ numClasses: 21 }));
    const count = (p: string) => spec.filter((e) => e.trainable && e.name.startsWith(p)).reduce((a, e) => a + e.shape.reduce((x, y) => x * y, 1), 0);
    expect(count("backbone.")).toBe(25_557_032 - 2_049_000);
    expect(spec.find((e) => e.name === 'aspp.project.0.weight')?.shape).toEqual([1, 1, 1280, 256]);
    expect(spec.find((e) => e.name === 'decoder.reduce.0.weight')?.shape).toEqual([1, 1, 256, 48]);
    expect(spec.find((e) => e.name === 'decoder.conv1.0.weight')?.shape).toEqual([3, 3, 304, 256]);
  });

  it('updates running statistics in training mode only, and is seeded', async () => {
    await initBackend({ backend: 'wasm' });
    const a = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 }, { seed: 4 });
    const b = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 }, { seed: 4 });
    const c = createDeepLab({ numClasses: 2, backbone: 'resnet18', width: 0.0625 }, { seed: 5 });
    const w = (m: typeof a) => Array.from(m.weights.get('backbone.conv1.weight')!.dataSync().slice(0, 5));
    expect(w(a)).toEqual(w(b));
    expect(w(a)).not.toEqual(w(c));
    const x = tf.randomUniform([2, 33, 33, 3], -1, 1, 'float32', 1) as tf.Tensor4D;
    const rm = () => Array.from(a.weights.get('backbone.bn1.running_mean')!.dataSync());
    tf.dispose(tf.tidy(() => a.forward(x)));
    expect(rm().every((v) => v === 0)).toBe(true);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      a.forward(x, { training: true });
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(rm().some((v) => v !== 0)).toBe(true);
    x.dispose();
    for (const m of [a, b, c]) m.dispose();
    expect(() => createDeepLab({ numClasses: 2, outputStride: 32 as 16 })).toThrow(DeepLabConfigError);
  });

  it('has the same training gradient on wasm (ganseg kernels) as on the cpu backend', async () => {
    const out: Record<string, { loss: number; g: Float32Array[] }> = {};
    for (const backend of ['cpu', 'wasm']) {
      await initBackend({ backend });
      const m = createDeepLab({ numClasses: 3, backbone: 'resnet18', width: 0.125, outputStride: 8 }, { seed: 2 });
      const x = tf.tensor4d(Float32Array.from({ length: 2 * 33 * 33 * 3 }, (_, i) => Math.sin(i * 0.37)), [2, 33, 33, 3]);
      const y = tf.tensor3d(Int32Array.from({ length: 2 * 33 * 33 }, (_, i) => (i % 11 === 0 ? 255 : (i * 7) % 3)), [2, 33, 33], 'int32');
      const vars = m.trainableVariables();
      const { value, grads } = tf.variableGrads(() => crossEntropyWithIgnore(m.forward(x, { training: true }), y), vars);
      out[backend] = { loss: (await value.data())[0], g: await Promise.all(vars.map((v) => grads[v.name].data() as Promise<Float32Array>)) };
      tf.dispose([x, y, value, grads]);
      m.dispose();
    }
    expect(out.wasm.loss).toBeCloseTo(out.cpu.loss, 5);
    out.cpu.g.forEach((a, i) => {
      const b = out.wasm.g[i];
      const scale = Math.max(1e-3, ...Array.from(a, Math.abs));
      expect(maxAbsDiff(a, b) / scale, `gradient ${i}`).toBeLessThan(1e-2);
    });
  }, 60_000);
});
