/**
 * Fits fmapBase / fmapDecay / fmapMax to the channel counts found per stage (decay 1 as official;
 * base from the finest stage below the cap). The strict merge later checks every shape.
 */
export function _fitFmaps(channels: number[]): { fmapBase: number; fmapDecay: number; fmapMax: number } {
  // channels[s-1] = nf(s) for s = 1..R-1
  const fmapMax = Math.max(...channels);
  let fmapBase = fmapMax * 2 ** channels.length;
  for (let s = channels.length; s >= 1; s--) {
    if (channels[s - 1] < fmapMax) {
      fmapBase = channels[s - 1] * 2 ** s;
      // floor() loses bits: take the first base in [c*2^s, (c+1)*2^s) that reproduces every stage.
      // Each stage i bounds b to an interval (below the cap: [c*2^i, (c+1)*2^i); at the cap:
      // b >= cap*2^i); the first such b is the largest lower bound, if it is under every upper one.
      let lo = fmapBase;
      let hi = (channels[s - 1] + 1) * 2 ** s;
      channels.forEach((ch, i) => {
        const p = 2 ** (i + 1);
        lo = Math.max(lo, ch * p);
        if (ch < fmapMax) hi = Math.min(hi, (ch + 1) * p);
      });
      if (lo < hi) fmapBase = lo;
      break;
    }
  }
  return { fmapBase, fmapDecay: 1, fmapMax };
}

/** log2 of the largest resolution a StyleGAN (v1) generator has (1024 px); `createConfig`'s bound. */
export const _MAX_LOG2_RESOLUTION = 10;
