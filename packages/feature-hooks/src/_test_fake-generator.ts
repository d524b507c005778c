// Test-only stand-in with the @ganseg/stylegan contract's shape (mapping, truncate, synthesis with
// capture, activationNames), used until StyleGAN.random lands. Small random convs, seeded.
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '@ganseg/runtime';
import { stageChannels, type StyleGANConfig } from '@ganseg/stylegan';
import type { FeatureGenerator } from './feature-generator.js';

export type _FakeConfig = StyleGANConfig;

export class _FakeGenerator implements FeatureGenerator {
  readonly config: _FakeConfig;
  readonly numLayers: number;
  readonly weights: Record<string, tf.Tensor> = {};
  constructor(config: Partial<_FakeConfig>, seed: number) {
    this.config = { resolution: 32, latentSize: 32, dlatentSize: 32, mappingLayers: 2, mappingFmaps: 32, mappingLrmul: 0.01, fmapBase: 64, fmapDecay: 1, fmapMax: 32, numChannels: 3, fusedScaleFrom: 128, ...config };
    const c = this.config;
    this.numLayers = 2 * Math.log2(c.resolution) - 2;
    const rng = createRng(seed);
    const w = (name: string, shape: number[], scale: number) => {
      const n = shape.reduce((a, b) => a * b, 1);
      this.weights[name] = tf.keep(tf.mul(tf.tensor(rng.normalArray(n), shape), scale));
    };
    w('map', [c.latentSize, c.dlatentSize], 1 / Math.sqrt(c.latentSize));
    w('avg', [c.dlatentSize], 0.1);
    w('const', [1, 4, 4, this._nf(1)], 1);
    for (let r = 2; r <= Math.log2(c.resolution); r++) {
      const cin = r === 2 ? this._nf(1) : this._nf(r - 2);
      const cout = this._nf(r - 1);
      w(`conv${r}`, [3, 3, cin, cout], Math.sqrt(2 / (9 * cin)));
      w(`style${r}`, [c.dlatentSize, cout], 1 / Math.sqrt(c.dlatentSize));
      w(`noise${r}`, [cout], 0.3);
    }
    w('rgb', [1, 1, this._nf(Math.log2(c.resolution) - 1), c.numChannels], 1 / Math.sqrt(this._nf(Math.log2(c.resolution) - 1)));
  }
  private _nf(stage: number): number {
    return stageChannels(this.config, stage);
  }
  mapping(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.tanh(tf.matMul(z, this.weights.map as tf.Tensor2D)) as tf.Tensor2D);
  }
  truncate(w: tf.Tensor2D, psi = 1, _cutoff?: number): tf.Tensor3D {
    return tf.tidy(() => {
      const avg = this.weights.avg;
      const t = tf.add(avg, tf.mul(tf.sub(w, avg), psi));
      return tf.tile(tf.expandDims(t, 1), [1, this.numLayers, 1]) as tf.Tensor3D;
    });
  }
  activationNames(): string[] {
    const out: string[] = [];
    for (let r = 2; r <= Math.log2(this.config.resolution); r++) out.push(`${1 << r}x${1 << r}`);
    return [...out, 'image'];
  }
  synthesis(wplus: tf.Tensor3D, opts: { noise?: tf.Tensor4D[]; capture?: string[] } = {}): { image: tf.Tensor4D; activations: Record<string, tf.Tensor4D> } {
    return tf.tidy(() => {
      const n = wplus.shape[0];
      const acts: Record<string, tf.Tensor4D> = {};
      let x: tf.Tensor4D = tf.tile(this.weights.const, [n, 1, 1, 1]) as tf.Tensor4D;
      for (let r = 2; r <= Math.log2(this.config.resolution); r++) {
        if (r > 2) x = tf.image.resizeNearestNeighbor(x, [1 << r, 1 << r]);
        x = tf.conv2d(x, this.weights[`conv${r}`] as tf.Tensor4D, 1, 'same');
        const style = tf.matMul(tf.squeeze(tf.slice(wplus, [0, 2 * r - 4, 0], [n, 1, -1]), [1]), this.weights[`style${r}`] as tf.Tensor2D);
        x = tf.add(x, tf.reshape(style, [n, 1, 1, -1]));
        const noise = opts.noise?.[2 * r - 3];
        if (noise) x = tf.add(x, tf.mul(noise, this.weights[`noise${r}`]));
        x = tf.leakyRelu(x, 0.2);
        const { mean, variance } = tf.moments(x, [1, 2], true);
        x = tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
        acts[`${1 << r}x${1 << r}`] = x;
      }
      const image = tf.tanh(tf.conv2d(x, this.weights.rgb as tf.Tensor4D, 1, 'same')) as tf.Tensor4D;
      const out: Record<string, tf.Tensor4D> = {};
      for (const name of opts.capture ?? []) {
        if (name === 'image') out[name] = image;
        else if (acts[name]) out[name] = acts[name];
        else throw new Error(`unknown activation ${name}`);
      }
      return { image, activations: out };
    });
  }
  dispose(): void {
    for (const t of Object.values(this.weights)) t.dispose();
  }
}
