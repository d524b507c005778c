import type { CanonicalCheckpoint } from './_types.js';
import { stageChannels } from '@ganseg/stylegan';

/**
 * One line saying what a checkpoint is: its source, architecture, resolution, widths, mapping and
 * the average w (`w_avg` / `dlatent_avg`), e.g. `StyleGAN2-ADA PyTorch pickle (G_ema, ...):
 * StyleGAN2 (skip), 1024x1024, widths 512..32 (fmap_base 16384), mapping 8 x 512 (z 512 -> w 512,
 * lrmul 0.01), w_avg mean 0.012 rms 0.43, conv clamp 256`.
 */
export function _describeCheckpoint(ck: CanonicalCheckpoint): string {
  const c = ck.config;
  const R = Math.round(Math.log2(c.resolution));
  const widths = Array.from({ length: R - 1 }, (_, i) => stageChannels(c, i + 1));
  const avg = ck.weights.dlatent_avg?.data ?? new Float32Array(0);
  let s = 0;
  let s2 = 0;
  for (const v of avg) { s += v; s2 += v * v; }
  const n = Math.max(1, avg.length);
  const arch = c.architecture === 'stylegan2' ? 'StyleGAN2 (skip)' : `StyleGAN (v1), fused upscale from ${c.fusedScaleFrom} px`;
  const parts = [
    `${arch}, ${c.resolution}x${c.resolution}`,
    `widths ${widths[0]}..${widths[widths.length - 1]} (fmap_base ${c.fmapBase}, max ${c.fmapMax})`,
    `mapping ${c.mappingLayers} x ${c.mappingFmaps} (z ${c.latentSize} -> w ${c.dlatentSize}, lrmul ${c.mappingLrmul})`,
    `w_avg mean ${(s / n).toPrecision(3)} rms ${Math.sqrt(s2 / n).toPrecision(3)}`,
  ];
  if (c.convClamp) parts.push(`conv clamp ${c.convClamp}`);
  return `${ck.source}: ${parts.join(', ')}`;
}
