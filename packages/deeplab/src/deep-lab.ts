import * as tf from '@tensorflow/tfjs-core';
import type { ClassInfo } from '@ganseg/formats';
import type { DeepLabConfig } from './deeplab-config.js';
import { deepLabWeightSpec, type WeightSpecEntry } from './deeplab-weight-spec.js';
import { _plan, type _BlockPlan, type _Plan } from './_plan.js';
import { _bn, _cbr, _conv, _resize, type _Ctx } from './_layers.js';


/** Options of {@link DeepLab.forward}. */
export interface ForwardOptions {
  /**
   * Training mode: batch norm uses the batch's statistics and updates its running statistics
   * (momentum 0.1 as PyTorch; the running variance follows the biased batch variance, see the
   * README). Default false (running statistics).
   */
  training?: boolean;
}

/** The outputs of the four ResNet stages (NHWC). */
export interface BackboneFeatures {
  layer1: tf.Tensor4D;
  layer2: tf.Tensor4D;
  layer3: tf.Tensor4D;
  layer4: tf.Tensor4D;
}

/**
 * A DeepLabV3+ network: ResNet backbone (torchvision layout), ASPP (1x1, three atrous 3x3, image
 * pooling; concatenated and projected), and the decoder that joins the stride-4 features.
 * Inputs are NHWC float images normalised as torchvision's ImageNet models expect
 * (`(rgb/255 - mean) / std`); outputs are logits at the input size. Make one with
 * `createDeepLab` or `loadDeepLab`.
 *
 * @example
 * ```ts
 * const model = createDeepLab({ numClasses: 3, backbone: 'resnet18', width: 0.25 });
 * const logits = tf.tidy(() => model.forward(tf.zeros([1, 64, 64, 3])));
 * ```
 */
export class DeepLab {
  /** The architecture. */
  readonly config: DeepLabConfig;
  /** Class names and colours (index = class id). */
  classes: ClassInfo[];
  /** Every tensor by name (`deepLabWeightSpec` order), running statistics included. */
  readonly weights: Map<string, tf.Variable>;
  /** Names, shapes and kinds of {@link weights}. */
  readonly spec: WeightSpecEntry[];
  readonly #plan: _Plan;

  /**
   * @param config The architecture.
   * @param classes Class names and colours, `config.numClasses` of them.
   * @param weights A variable for every entry of `deepLabWeightSpec(config)`; the model owns them.
   */
  constructor(config: DeepLabConfig, classes: ClassInfo[], weights: Map<string, tf.Variable>) {
    this.config = config;
    this.classes = classes;
    this.weights = weights;
    this.spec = deepLabWeightSpec(config);
    this.#plan = _plan(config);
  }

  /** The variables the optimiser updates (everything but batch-norm running statistics). */
  trainableVariables(): tf.Variable[] {
    return this.spec.filter((e) => e.trainable).map((e) => this.weights.get(e.name)!);
  }

  #ctx(training: boolean): _Ctx {
    return {
      get: (name) => {
        const v = this.weights.get(name);
        if (!v) throw new Error(`DeepLab: no weight ${name}`);
        return v;
      },
      training,
      updateStat: (name, value) => {
        this.weights.get(name)!.assign(value);
      },
    };
  }

  /**
   * The backbone's four stage outputs (layer1 at stride 4, layer4 at the output stride).
   *
   * @param x NHWC images, normalised.
   * @param options Training mode or not.
   * @returns The stage outputs; the caller disposes them (or calls this in `tf.tidy`).
   */
  backbone(x: tf.Tensor4D, options: ForwardOptions = {}): BackboneFeatures {
    const ctx = this.#ctx(options.training ?? false);
    return tf.tidy(() => {
      let y = _cbr(x, ctx, 'backbone.conv1', 'backbone.bn1', 2);
      y = tf.maxPool(y, 3, 2, 1);
      const outs: tf.Tensor4D[] = [];
      for (const layer of this.#plan.layers) {
        for (const b of layer) y = _block(y, ctx, b);
        outs.push(y);
      }
      return { layer1: outs[0], layer2: outs[1], layer3: outs[2], layer4: outs[3] };
    });
  }

  /**
   * Logits for every pixel.
   *
   * Any size works: the input is padded at the bottom and right to the next 16k+1 (65, 257, 513:
   * DeepLab's crop sizes, where the feature grids fall on input pixels) and the logits cropped.
   *
   * @param x NHWC images `[n, h, w, 3]`, normalised.
   * @param options Training mode (batch statistics, running-statistics update) or not.
   * @returns Logits `[n, h, w, numClasses]`.
   */
  forward(x: tf.Tensor4D, options: ForwardOptions = {}): tf.Tensor4D {
    const training = options.training ?? false;
    const ctx = this.#ctx(training);
    const p = this.#plan;
    return tf.tidy(() => {
      // Pad (bottom and right, zeros = the mean colour after normalisation) to 16k+1, where the
      // stride-4 and stride-16 grids fall exactly on input pixels and align_corners upsampling is
      // exact (see _resize); the logits are cropped back.
      const [n, h0, w0] = x.shape;
      const H = 16 * Math.ceil((h0 - 1) / 16) + 1;
      const W = 16 * Math.ceil((w0 - 1) / 16) + 1;
      const xp = H === h0 && W === w0 ? x : (tf.pad(x, [[0, 0], [0, H - h0], [0, W - w0], [0, 0]]) as tf.Tensor4D);
      const f = this.backbone(xp, options);
      const high = f.layer4;
      const [, hh, hw] = high.shape;
      const branches = [_cbr(high, ctx, 'aspp.convs.0.0', 'aspp.convs.0.1')];
      for (let i = 1; i <= 3; i++) {
        branches.push(_cbr(high, ctx, `aspp.convs.${i}.0`, `aspp.convs.${i}.1`, 1, p.rates[i - 1]));
      }
      const pooled = _cbr(tf.mean(high, [1, 2], true) as tf.Tensor4D, ctx, 'aspp.convs.4.1', 'aspp.convs.4.2');
      branches.push(tf.broadcastTo(pooled, [pooled.shape[0], hh, hw, pooled.shape[3]]));
      const aspp = _cbr(tf.concat(branches, 3), ctx, 'aspp.project.0', 'aspp.project.1');
      const low = _cbr(f.layer1, ctx, 'decoder.reduce.0', 'decoder.reduce.1');
      const up = _resize(aspp, low.shape[1], low.shape[2]);
      let y = _cbr(tf.concat([up, low], 3), ctx, 'decoder.conv1.0', 'decoder.conv1.1');
      y = _cbr(y, ctx, 'decoder.conv2.0', 'decoder.conv2.1');
      const logits = tf.add(_conv(y, ctx.get('decoder.classifier.weight') as tf.Tensor4D, 1), ctx.get('decoder.classifier.bias')) as tf.Tensor4D;
      const full = _resize(logits, H, W);
      return H === h0 && W === w0 ? full : (tf.slice(full, [0, 0, 0, 0], [n, h0, w0, p.numClasses]) as tf.Tensor4D);
    });
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of this.weights.values()) v.dispose();
    this.weights.clear();
  }
}

function _block(x: tf.Tensor4D, ctx: _Ctx, b: _BlockPlan): tf.Tensor4D {
  const p = b.prefix;
  let y: tf.Tensor4D;
  if (b.kind === 'basic') {
    y = _cbr(x, ctx, `${p}.conv1`, `${p}.bn1`, b.stride, b.dilation);
    y = _bn(_conv(y, ctx.get(`${p}.conv2.weight`) as tf.Tensor4D, 1, b.dilation), ctx, `${p}.bn2`);
  } else {
    y = _cbr(x, ctx, `${p}.conv1`, `${p}.bn1`);
    y = _cbr(y, ctx, `${p}.conv2`, `${p}.bn2`, b.stride, b.dilation);
    y = _bn(_conv(y, ctx.get(`${p}.conv3.weight`) as tf.Tensor4D, 1), ctx, `${p}.bn3`);
  }
  const identity = b.downsample
    ? _bn(_conv(x, ctx.get(`${p}.downsample.0.weight`) as tf.Tensor4D, b.stride), ctx, `${p}.downsample.1`)
    : x;
  return tf.relu(tf.add(y, identity)) as tf.Tensor4D;
}
