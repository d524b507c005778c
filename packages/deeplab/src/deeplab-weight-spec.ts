import type { DeepLabConfig } from './deeplab-config.js';
import { _plan } from './_plan.js';

/** One tensor of a DeepLab network. */
export interface WeightSpecEntry {
  /** torchvision-style name, e.g. `backbone.layer1.0.conv1.weight`. */
  name: string;
  /** Shape in this package's layout (convolutions `[kh, kw, in, out]`). */
  shape: number[];
  /** How it is initialised and what it is. */
  kind: 'conv' | 'bn-weight' | 'bn-bias' | 'bn-mean' | 'bn-var' | 'bias';
  /** Whether the optimiser updates it (batch-norm running statistics are not trainable). */
  trainable: boolean;
}

function _conv(out: WeightSpecEntry[], name: string, k: number, inC: number, outC: number): void {
  out.push({ name: `${name}.weight`, shape: [k, k, inC, outC], kind: 'conv', trainable: true });
}

function _bn(out: WeightSpecEntry[], name: string, c: number): void {
  out.push({ name: `${name}.weight`, shape: [c], kind: 'bn-weight', trainable: true });
  out.push({ name: `${name}.bias`, shape: [c], kind: 'bn-bias', trainable: true });
  out.push({ name: `${name}.running_mean`, shape: [c], kind: 'bn-mean', trainable: false });
  out.push({ name: `${name}.running_var`, shape: [c], kind: 'bn-var', trainable: false });
}

/**
 * Every tensor of a DeepLabV3+ network, in order: the backbone under torchvision's ResNet names
 * (`backbone.conv1`, `backbone.bn1`, `backbone.layer1.0.conv1`, ..., `downsample.0/.1`), then
 * `aspp.convs.0..4` and `aspp.project`, then `decoder.reduce`, `decoder.conv1`, `decoder.conv2`,
 * `decoder.classifier`.
 *
 * @param config The architecture.
 * @returns Names, shapes (convolutions `[kh, kw, in, out]`), kinds.
 * @example
 * ```ts
 * const spec = deepLabWeightSpec(resolveDeepLabConfig({ numClasses: 21 }));
 * console.log(spec.find((e) => e.name === 'backbone.conv1.weight')?.shape); // [7, 7, 3, 64]
 * ```
 */
export function deepLabWeightSpec(config: DeepLabConfig): WeightSpecEntry[] {
  const p = _plan(config);
  const out: WeightSpecEntry[] = [];
  _conv(out, 'backbone.conv1', 7, 3, p.stemC);
  _bn(out, 'backbone.bn1', p.stemC);
  for (const layer of p.layers) {
    for (const b of layer) {
      if (b.kind === 'basic') {
        _conv(out, `${b.prefix}.conv1`, 3, b.inC, b.midC);
        _bn(out, `${b.prefix}.bn1`, b.midC);
        _conv(out, `${b.prefix}.conv2`, 3, b.midC, b.outC);
        _bn(out, `${b.prefix}.bn2`, b.outC);
      } else {
        _conv(out, `${b.prefix}.conv1`, 1, b.inC, b.midC);
        _bn(out, `${b.prefix}.bn1`, b.midC);
        _conv(out, `${b.prefix}.conv2`, 3, b.midC, b.midC);
        _bn(out, `${b.prefix}.bn2`, b.midC);
        _conv(out, `${b.prefix}.conv3`, 1, b.midC, b.outC);
        _bn(out, `${b.prefix}.bn3`, b.outC);
      }
      if (b.downsample) {
        _conv(out, `${b.prefix}.downsample.0`, 1, b.inC, b.outC);
        _bn(out, `${b.prefix}.downsample.1`, b.outC);
      }
    }
  }
  _conv(out, 'aspp.convs.0.0', 1, p.highC, p.asppC);
  _bn(out, 'aspp.convs.0.1', p.asppC);
  for (let i = 1; i <= 3; i++) {
    _conv(out, `aspp.convs.${i}.0`, 3, p.highC, p.asppC);
    _bn(out, `aspp.convs.${i}.1`, p.asppC);
  }
  _conv(out, 'aspp.convs.4.1', 1, p.highC, p.asppC);
  _bn(out, 'aspp.convs.4.2', p.asppC);
  _conv(out, 'aspp.project.0', 1, 5 * p.asppC, p.asppC);
  _bn(out, 'aspp.project.1', p.asppC);
  _conv(out, 'decoder.reduce.0', 1, p.lowC, p.reduceC);
  _bn(out, 'decoder.reduce.1', p.reduceC);
  _conv(out, 'decoder.conv1.0', 3, p.asppC + p.reduceC, p.asppC);
  _bn(out, 'decoder.conv1.1', p.asppC);
  _conv(out, 'decoder.conv2.0', 3, p.asppC, p.asppC);
  _bn(out, 'decoder.conv2.1', p.asppC);
  _conv(out, 'decoder.classifier', 1, p.asppC, p.numClasses);
  out.push({ name: 'decoder.classifier.bias', shape: [p.numClasses], kind: 'bias', trainable: true });
  return out;
}
