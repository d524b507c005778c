import { _ch, _LAYOUTS, type DeepLabConfig } from './deeplab-config.js';

/** One residual block, as torchvision builds it. */
export interface _BlockPlan {
  prefix: string;
  kind: 'basic' | 'bottleneck';
  inC: number;
  /** Channels inside the block (torchvision's `width` for Bottleneck, `planes` for BasicBlock). */
  midC: number;
  outC: number;
  stride: number;
  /** Dilation of the 3x3 convolutions. */
  dilation: number;
  downsample: boolean;
}

/** The whole network's shape: what the weight spec and the forward pass both walk. */
export interface _Plan {
  stemC: number;
  layers: _BlockPlan[][];
  lowC: number;
  highC: number;
  asppC: number;
  rates: [number, number, number];
  reduceC: number;
  numClasses: number;
}

/**
 * torchvision's `ResNet._make_layer` with `replace_stride_with_dilation`, at a channel width.
 * @internal
 */
export function _plan(config: DeepLabConfig): _Plan {
  const layout = _LAYOUTS[config.backbone];
  const w = config.width;
  const dilate = config.outputStride === 16 ? [false, false, false, true] : [false, false, true, true];
  const planesBase = [64, 128, 256, 512];
  const strides = [1, 2, 2, 2];
  let inplanes = _ch(64, w);
  let dilation = 1;
  const layers: _BlockPlan[][] = [];
  for (let l = 0; l < 4; l++) {
    const planes = _ch(planesBase[l], w);
    const outC = planes * layout.expansion;
    const previous = dilation;
    let stride = strides[l];
    if (dilate[l]) {
      dilation *= stride;
      stride = 1;
    }
    const blocks: _BlockPlan[] = [];
    for (let b = 0; b < layout.blocks[l]; b++) {
      blocks.push({
        prefix: `backbone.layer${l + 1}.${b}`,
        kind: layout.block,
        inC: inplanes,
        midC: planes,
        outC,
        stride: b === 0 ? stride : 1,
        dilation: b === 0 ? previous : dilation,
        downsample: b === 0 && (stride !== 1 || inplanes !== outC),
      });
      inplanes = outC;
    }
    layers.push(blocks);
  }
  const m = config.outputStride === 16 ? 1 : 2;
  return {
    stemC: _ch(64, w),
    layers,
    lowC: layers[0][layers[0].length - 1].outC,
    highC: inplanes,
    asppC: _ch(256, w),
    rates: [6 * m, 12 * m, 18 * m],
    reduceC: _ch(48, w),
    numClasses: config.numClasses,
  };
}
