/** One input level of a decoder: the activation it reads, its side and channel count. */
export interface DecoderLevel {
  name: string;
  res: number;
  channels: number;
}

/**
 * The architecture of a decoder, stored in `model.json` as `config`.
 *
 * `conv` (the paper's decoder): `levels` coarse to fine, each twice the side of the one before;
 * `widths[i]` channels after level i's conversion block; classes at the finest level's side.
 *
 * `mlp` (DatasetGAN's per-pixel classifier): every level upsampled bilinearly to `size` and
 * concatenated (`inputChannels` in all), then dense layers `hidden` with ReLU + BN, then classes.
 *
 * @example
 * ```ts
 * const c: DecoderConfig = { arch: 'conv', levels, widths: [32, 32, 32, 32], numClasses: 2, dropout: 0.5, size: 32 };
 * ```
 */
export type DecoderConfig =
  | {
      arch: 'conv';
      levels: DecoderLevel[];
      widths: number[];
      numClasses: number;
      dropout: number;
      /** Side of the masks (logits are resized bilinearly to it when the finest level is smaller). */
      size: number;
    }
  | {
      arch: 'mlp';
      levels: DecoderLevel[];
      hidden: number[];
      inputChannels: number;
      numClasses: number;
      size: number;
      /**
       * Rows dropped top and bottom of the `size` map: a generator with `config.crop` (the LSUN Car
       * 512x384 layout), scaled to `size`; masks are (size - top - bottom) x size. Absent: none.
       */
      crop?: { top: number; bottom: number };
    };
