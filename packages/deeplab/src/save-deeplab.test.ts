import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@ganseg/runtime';
import { createDeepLab } from './create-deeplab.js';
import { saveDeepLab } from './save-deeplab.js';
import { loadDeepLab } from './load-deeplab.js';
import { WeightsMismatchError } from '@ganseg/io';

describe('saveDeepLab / loadDeepLab', () => {
  it('round-trips config, classes and every weight in the tfjs layout, and refuses a mismatch', async () => {
    await initBackend({ backend: 'wasm' });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'deeplab-save-'));
    const model = createDeepLab({ numClasses: 3, backbone: 'resnet34', width: 0.0625, outputStride: 8 }, { seed: 9 });
    const x = tf.randomUniform([1, 33, 33, 3], -1, 1, 'float32', 2) as tf.Tensor4D;
    tf.tidy(() => {
      model.forward(x, { training: true }); // non-trivial running statistics
    });
    await saveDeepLab(model, dir, { note: 'hi' });
    const json = JSON.parse(await fs.readFile(path.join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('ganseg-deeplab');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect((await fs.readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const before = tf.memory().numTensors;
    const { model: back, meta } = await loadDeepLab(dir);
    expect(meta).toEqual({ note: 'hi' });
    expect(back.config).toEqual(model.config);
    expect(back.classes).toEqual(model.classes);
    const [a, b] = tf.tidy(() => [model.forward(x), back.forward(x)]);
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([a, b]);
    back.dispose();
    expect(tf.memory().numTensors).toBe(before);
    json.weightsManifest[0].weights[0].shape = [7, 7, 3, 5];
    await fs.writeFile(path.join(dir, 'model.json'), JSON.stringify(json));
    await expect(loadDeepLab(dir)).rejects.toThrow(WeightsMismatchError);
    await expect(loadDeepLab(dir)).rejects.toThrow(/model\.json: [\s\S]*backbone\.conv1\.weight expected \[7, 7, 3, 4\], found \[7, 7, 3, 5\]/);
    model.dispose();
    x.dispose();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
