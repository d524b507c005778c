import { stageChannels, type StyleGANConfig } from '@ganseg/stylegan';

/** Under this many flops in its largest synthesis conv call a training step runs best on one OpenMP thread. */
export const _SMALL_STEP_CONV_FLOPS = 150e6;

/**
 * The OpenMP threads a training step of this generator runs best with on the native kernels: one
 * when its largest synthesis conv call (a batch of 3x3 convs at one resolution) is under 150
 * MFLOP, else `available`. Measured on this project's 2-core machine (stylegan-trainer README):
 * the 64 px cars config (37.7 MFLOP a call) trains at 71-72 img/s on one thread and 60-66 on two
 * (the second core also runs V8's garbage collector and compiler, which a statically split
 * OpenMP region then waits for); 4x wider (604 MFLOP) at 17.7 img/s on two and 13 on one.
 *
 * @param cfg The generator's config.
 * @param batch Images a step.
 * @param available The threads otherwise in force.
 * @returns The thread count to train with.
 * @example
 * ```ts
 * _trainThreads(cfg, 8, nativeStatus().threads); // 1 for the cars default
 * ```
 */
export function _trainThreads(cfg: Pick<StyleGANConfig, 'resolution' | 'fmapBase' | 'fmapDecay' | 'fmapMax'>, batch: number, available: number): number {
  let largest = 0;
  for (let r = 2; 2 ** r <= cfg.resolution; r++) {
    const c = stageChannels(cfg, r - 1);
    largest = Math.max(largest, 2 * batch * 4 ** r * 9 * c * c);
  }
  return largest < _SMALL_STEP_CONV_FLOPS ? 1 : available;
}
