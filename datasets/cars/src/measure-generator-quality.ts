import { imageFeatures, predictDeepLab, type DeepLab, type RgbImage } from '@ganseg/deeplab';
import { kernelDistance } from '@ganseg/metrics';
import { renderScene, type SceneLayout } from './render-scene.js';
import { carSeeds } from './seed-ranges.js';

/** Options for {@link measureGeneratorQuality}. */
export interface GeneratorQualityOptions {
  /** The real renders to compare with (default `car-centric`). */
  layout?: SceneLayout;
  /** Real renders a set (two disjoint sets are drawn from the `quality` seed range); default: as many as generated images. */
  realImages?: number;
  /** Disjoint blocks for the KIDs' spread (default 4). */
  blocks?: number;
}

/** A generator's distance to real renders, next to the same statistic between two real sets. */
export interface GeneratorQuality {
  /** KID (x 1000 is customary; raw here) between generated images and real set A, on the teacher's backbone features. */
  kid: number;
  kidStd: number;
  /** KID between real sets B and A: what "as good as real" reads as with this many images. */
  realKid: number;
  realKidStd: number;
  /** Share of pixels the teacher labels car (any non-background class), generated images. */
  carShareGenerated: number;
  /** The same on real set A, as the teacher sees it and from the exact masks. */
  carShareReal: number;
  carShareRealTrue: number;
  generated: number;
  real: number;
}

/** Each row scaled to unit root mean square (x.y / d becomes the cosine of the two rows). */
function _unitRms(rows: Float32Array[]): Float32Array[] {
  return rows.map((r) => {
    const rms = Math.sqrt(r.reduce((a, v) => a + v * v, 0) / r.length) || 1;
    return Float32Array.from(r, (v) => v / rms);
  });
}

async function _carShare(teacher: DeepLab, images: RgbImage[]): Promise<number> {
  let car = 0;
  let all = 0;
  for (const im of images) {
    const { mask } = await predictDeepLab(teacher, im);
    for (const c of mask) if (c !== 0) car++;
    all += mask.length;
  }
  return car / all;
}

/**
 * How close generated images are to the real renders of the domain, with no download: a KID on the
 * teacher DeepLab's backbone features, each row scaled to unit RMS (generated vs real set A) beside the same statistic between
 * two disjoint real sets (B vs A), and the share of car pixels the teacher sees in each (the
 * question the method depends on: does the generator draw cars?). Real sets come from the
 * `quality` seed range, disjoint from every training range.
 *
 * @param generated Generated RGB images at the teacher's size (the renders' size).
 * @param teacher The domain's teacher DeepLab.
 * @param options Layout, real set size, blocks.
 * @returns The KIDs with spreads and the car shares.
 * @example
 * ```ts
 * const q = await measureGeneratorQuality(images, teacher, { layout: 'car-centric' });
 * console.log(`KID ${q.kid.toFixed(4)} (real vs real ${q.realKid.toFixed(4)}), cars ${q.carShareGenerated}`);
 * ```
 */
export async function measureGeneratorQuality(generated: RgbImage[], teacher: DeepLab, options: GeneratorQualityOptions = {}): Promise<GeneratorQuality> {
  if (generated.length < 8) throw new RangeError(`measureGeneratorQuality: at least 8 generated images are needed (found ${generated.length})`);
  const n = options.realImages ?? generated.length;
  const seeds = carSeeds('quality');
  if (2 * n > seeds.length) throw new RangeError(`measureGeneratorQuality: realImages ${n} needs ${2 * n} seeds; the quality range has ${seeds.length}`);
  const size = generated[0].width;
  const scenes = seeds.slice(0, 2 * n).map((s) => renderScene(s, { size, layout: options.layout ?? 'car-centric' }));
  const real = scenes.map((s) => ({ data: s.image, width: s.width, height: s.height }));
  const raw = [generated, real.slice(0, n), real.slice(n)].map((ims) => imageFeatures(teacher, ims));
  // The cubic kernel (x.y / d + 1)^3 is made for features of order 1 (Inception's pool3). A
  // teacher's pooled ReLU features are heavy-tailed (here: row RMS median 0.8, 5 % above 2.9, max
  // 7), and those few rows' cubes swamped the estimate (real vs real 1.4 +- 4): each row is scaled
  // to unit RMS, so the kernel compares directions, (cos + 1)^3.
  const [fg, fa, fb] = raw.map(_unitRms);
  const blocks = options.blocks ?? 4;
  const g = kernelDistance(fg, fa, { blocks });
  const r = kernelDistance(fb, fa, { blocks });
  let car = 0;
  for (const s of scenes.slice(0, n)) for (const c of s.mask) if (c !== 0) car++;
  return {
    kid: g.kid,
    kidStd: g.std,
    realKid: r.kid,
    realKidStd: r.std,
    carShareGenerated: await _carShare(teacher, generated),
    carShareReal: await _carShare(teacher, real.slice(0, n)),
    carShareRealTrue: car / (n * size * size),
    generated: generated.length,
    real: n,
  };
}
