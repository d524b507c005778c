import { createRng } from '@ganseg/runtime';
import type { Rng } from '@ganseg/runtime';
import { carClasses } from './car-classes.js';
import type { CarVariant } from './car-classes.js';
import { _BODY, _LIGHT, _NUM_MULTI } from './_classes.js';
import { _hsv, _mix } from './_color.js';
import { _drawCar, _drawCarShadow, _randomCar } from './_draw-car.js';
import type { _Car, _Light } from './_draw-car.js';
import { _drawBuilding, _drawGround, _drawPerson, _drawPole, _drawSky, _drawSkyline, _drawTree } from './_draw-world.js';
import type { _Street } from './_draw-world.js';
import { _Raster } from './_raster.js';

/** Options of {@link renderScene}. */
export interface RenderSceneOptions {
  /** Output width and height in pixels (default 64). */
  size?: number;
  /** Mask classes (default `binary`). */
  variant?: CarVariant;
  /** Supersampling factor per axis (default 2). */
  supersample?: number;
  /**
   * What the camera frames (default `street`): `street`, a street scene with 1 to 4 cars, often
   * small (the harder domain); `car-centric`, one main car covering about 25-70 % of the frame
   * from any side, like LSUN cars, with small cars further away.
   */
  layout?: SceneLayout;
}

/** What the camera frames: a street scene, or one main car (see {@link RenderSceneOptions}). */
export type SceneLayout = 'street' | 'car-centric';

/** Raised for a layout that is neither `street` nor `car-centric`. */
export class SceneLayoutError extends Error {
  override name = 'SceneLayoutError';
}

/** A rendered scene. */
export interface RenderedScene {
  /** RGB bytes, `width*height*3`, row-major. */
  image: Uint8Array;
  /** Class index per pixel, `width*height` (see `carClasses`). */
  mask: Uint8Array;
  width: number;
  height: number;
}

type _Rgb = [number, number, number];

const _MIN_CAR = 0.02;
const _MIN_CAR_CENTRIC = 0.18;
const _MAX_CAR_CENTRIC = 0.72;

/**
 * Renders one street scene with cars and its exact mask. A pure function of `seed` and the
 * options: the same arguments give byte-identical results on every machine. The scene is a small
 * 3D world (ground, road with markings, sidewalks, buildings, trees, poles, people, sky with
 * clouds, a far skyline) seen by a level pinhole camera of random height, heading and focal
 * length, with 1 to 4 cars (5 body types, any colour, any heading relative to the camera),
 * soft shadows, fog, global lighting changes and sensor noise; drawn with a z-buffer at
 * `supersample` times the size, the image box-filtered down and the mask taken by majority.
 * `layout: 'car-centric'` frames one main car instead (like LSUN cars): seen from any side, its
 * box spanning 82-100 % of the frame (a fifth zoomed in to 105-140 % and cut by the border), so
 * that it covers about 19-65 % of the pixels (always 17-72 %), with the same streets, buildings,
 * skies and light around it, up to three small cars further away and sometimes a pole, tree or
 * person in front. The street layout's renders do not change with the option.
 *
 * @param seed Any integer.
 * @param opts Size, variant, layout and supersampling.
 * @returns The image, the mask and the size.
 * @throws {CarVariantError} For an unknown variant.
 * @throws {SceneLayoutError} For an unknown layout.
 * @example
 * ```ts
 * const { image, mask } = renderScene(42, { size: 64, variant: 'multi' });
 * const one = renderScene(42, { variant: 'binary', layout: 'car-centric' });
 * ```
 */
export function renderScene(seed: number, opts: RenderSceneOptions = {}): RenderedScene {
  const size = opts.size ?? 64;
  const variant = opts.variant ?? 'binary';
  const ss = opts.supersample ?? 2;
  const layout = opts.layout ?? 'street';
  carClasses(variant);
  if (layout !== 'street' && layout !== 'car-centric') {
    throw new SceneLayoutError(`layout "${String(layout)}": expected "street" or "car-centric".`);
  }
  const U = size * ss;
  // A scene whose cars end up hidden or out of view is drawn again from a derived stream, so
  // every scene shows at least _MIN_CAR of car pixels (car-centric: between _MIN_CAR_CENTRIC
  // and _MAX_CAR_CENTRIC; deterministic: the retries are seeded too).
  const centric = layout === 'car-centric';
  const compose = centric ? _composeCarCentric : _compose;
  const min = centric ? _MIN_CAR_CENTRIC : _MIN_CAR;
  const max = centric ? _MAX_CAR_CENTRIC : 1;
  const off = (q: _Raster) => {
    const s = _carShare(q);
    return s < min || s > max;
  };
  let rng = createRng(centric ? `cars-centric:${seed}` : seed);
  let r = compose(rng, U);
  for (let attempt = 1; attempt < 8 && off(r); attempt++) {
    rng = createRng(`${centric ? 'cars-centric-retry' : 'cars-retry'}:${seed}:${attempt}`);
    r = compose(rng, U);
  }
  return _finish(r, rng, size, ss, variant);
}

type _U = (a: number, b: number) => number;

interface _SkyPick {
  light: _Light;
  dusk: boolean;
  top: _Rgb;
  hor: _Rgb;
  cloud: _Rgb;
  cover: number;
  fogDist: number;
  seed: number;
}

/** Draws the sky's colours, clouds, fog and the scene's light (no drawing). */
function _pickSkyAndLight(rng: Rng, u: _U): _SkyPick {
  const skyKind = rng.uniform();
  let top: _Rgb, hor: _Rgb, cloud: _Rgb, cover: number;
  const light: _Light = { sun: [0, 1, 0], ambient: 0.55, diffuse: 0.5, sky: [0.6, 0.7, 0.8], shadow: 0.6 };
  let dusk = false;
  if (skyKind < 0.5) {
    const h = u(0.54, 0.63);
    top = _hsv(h, u(0.45, 0.8), u(0.55, 0.85));
    hor = _hsv(h + u(-0.03, 0.03), u(0.1, 0.35), u(0.82, 0.97));
    cloud = [0.97, 0.97, 0.98];
    cover = u(0, 0.55);
    light.ambient = u(0.42, 0.58); light.diffuse = u(0.45, 0.65); light.shadow = u(0.55, 0.8);
  } else if (skyKind < 0.8) {
    const v = u(0.55, 0.8);
    top = _hsv(u(0.5, 0.65), u(0, 0.12), v);
    hor = _hsv(u(0.5, 0.65), u(0, 0.08), Math.min(1, v + u(0.08, 0.2)));
    cloud = _hsv(0, 0, v * u(0.8, 1.05));
    cover = u(0.3, 0.9);
    light.ambient = u(0.68, 0.85); light.diffuse = u(0.08, 0.2); light.shadow = u(0.35, 0.55);
  } else {
    top = _hsv(u(0.6, 0.72), u(0.35, 0.6), u(0.3, 0.55));
    hor = _hsv(u(0.02, 0.11), u(0.35, 0.7), u(0.8, 1));
    cloud = _hsv(u(0.93, 1.02), u(0.2, 0.45), u(0.6, 0.9));
    cover = u(0.1, 0.6);
    light.ambient = u(0.4, 0.55); light.diffuse = u(0.3, 0.5); light.shadow = u(0.45, 0.7);
    dusk = true;
  }
  const el = skyKind < 0.8 ? u(0.35, 1.2) : u(0.12, 0.35);
  const az = u(0, 2 * Math.PI);
  light.sun = [Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az)];
  light.sky = _mix(top, hor, 0.6);
  const fogDist = u(60, 320);
  return { light, dusk, top, hor, cloud, cover, fogDist, seed: rng.int(1 << 30) };
}

/** Sky gradient with clouds and the far skyline (needs the camera's horizon row set). */
function _drawSkyFromPick(rng: Rng, r: _Raster, u: _U, p: _SkyPick): void {
  r.fogColor = p.hor;
  r.fogDist = p.fogDist;
  _drawSky(r, p.top, p.hor, p.cloud, p.cover, p.seed);
  const skyline = rng.uniform();
  const skylineKind = skyline < 0.5 ? 0 : skyline < 0.8 ? 1 : 2;
  const slBase: _Rgb = skylineKind === 1 ? _hsv(u(0.2, 0.35), u(0.3, 0.6), u(0.2, 0.4)) : _hsv(rng.uniform(), u(0, 0.2), u(0.3, 0.6));
  _drawSkyline(r, rng, _mix(slBase, p.hor, u(0.3, 0.65)), skylineKind);
}

/** Sky, clouds, far skyline and the scene's light (needs the camera's horizon row set). */
function _drawSkyAndLight(rng: Rng, r: _Raster, u: _U): { light: _Light; dusk: boolean } {
  const p = _pickSkyAndLight(rng, u);
  _drawSkyFromPick(rng, r, u, p);
  return { light: p.light, dusk: p.dusk };
}

/** The street's look (road, sidewalks, ground, markings) around a road of centre `roadC`, width `roadW`. */
function _makeStreet(rng: Rng, u: _U, roadC: number, roadW: number): _Street {
  const roadHue = rng.uniform();
  const road = _hsv(roadHue, u(0, 0.1), u(0.24, 0.5));
  const groundKind = rng.uniform();
  return {
    roadL: roadC - roadW / 2,
    roadR: roadC + roadW / 2,
    sidewalk: u(1.8, 4.5),
    road,
    walk: _hsv(u(0.05, 0.15), u(0, 0.2), u(0.5, 0.78)),
    ground: groundKind < 0.5 ? _hsv(u(0.18, 0.3), u(0.3, 0.6), u(0.3, 0.5)) : _hsv(u(0.06, 0.12), u(0.1, 0.35), u(0.35, 0.6)),
    marking: rng.uniform() < 0.7 ? [0.92, 0.92, 0.9] : [0.95, 0.8, 0.25],
    dashed: rng.uniform() < 0.75,
    edgeLines: rng.uniform() < 0.4,
    crosswalkZ: rng.uniform() < 0.2 ? u(3, 25) : null,
    seed: rng.int(1 << 30),
  };
}

/** Lane slots of a street: (x, heading) of each lane's centre line. */
function _slots(rng: Rng, st: _Street): { x: number; heading: number }[] {
  const roadC = (st.roadL + st.roadR) / 2;
  const roadW = st.roadR - st.roadL;
  const slots: { x: number; heading: number }[] = [
    { x: roadC + Math.max(1.7, roadW / 4), heading: 0 },
    { x: roadC - Math.max(1.7, roadW / 4), heading: Math.PI },
  ];
  if (roadW > 10) slots.push({ x: st.roadR - 1.1, heading: rng.uniform() < 0.5 ? 0 : Math.PI }, { x: st.roadL + 1.1, heading: rng.uniform() < 0.5 ? 0 : Math.PI });
  return slots;
}

/**
 * A car placer: a random screen column and depth (a power law towards the near end), snapped to
 * the nearest lane unless `free`, kept when in view and clear of the cars already placed.
 */
function _placer(rng: Rng, u: _U, r: _Raster, slots: { x: number; heading: number }[], cars: _Car[], palette: { road: number[]; sky: number[] }) {
  const U = r.w;
  const cam = r.cam;
  const overlaps = (X: number, Z: number) => cars.some((c) => Math.abs(c.X - X) < 2.4 && Math.abs(c.Z - Z) < 5.4);
  return (zmin: number, zmax: number, sxmin: number, sxmax: number, free: boolean): _Car | null => {
    for (let tries = 0; tries < 12; tries++) {
      const sx = U * u(sxmin, sxmax);
      const zc = zmin + (zmax - zmin) * rng.uniform() ** 1.3;
      const xc = ((sx - cam.cx) * zc) / cam.f;
      let X = r.worldX(xc, zc);
      const Z = r.worldZ(xc, zc);
      let heading = u(0, 2 * Math.PI);
      if (!free) {
        let best = slots[0];
        for (const s of slots) if (Math.abs(s.x - X) < Math.abs(best.x - X)) best = s;
        X = best.x;
        heading = best.heading + (rng.uniform() < 0.1 ? u(-0.6, 0.6) : u(-0.1, 0.1));
      }
      const d = r.depthOf(X, Z);
      const px = r.screenX(X, Z);
      if (!(d > zmin * 0.8 && d < zmax * 1.4 && px > -0.1 * U && px < 1.1 * U)) continue;
      if (overlaps(X, Z)) continue;
      return _randomCar(rng, X, Z, heading, palette);
    }
    return null;
  };
}

/** Buildings or trees, street trees, poles and people along both sides of the street. */
function _drawSurroundings(rng: Rng, u: _U, r: _Raster, st: _Street, light: _Light, dusk: boolean, cars: _Car[]): void {
  const U = r.w;
  const inView = (X: number, Z: number) => {
    const d = r.depthOf(X, Z);
    if (d < 1.2 || d > 150) return false;
    const px = r.screenX(X, Z);
    return px > -0.5 * U && px < 1.5 * U;
  };
  const nearCar = (X: number, Z: number) => cars.some((c) => Math.abs(c.X - X) < 1.6 && Math.abs(c.Z - Z) < 3);
  for (const side of [-1, 1]) {
    const walkIn = side > 0 ? st.roadR : st.roadL;
    const facade = walkIn + side * (st.sidewalk + (rng.uniform() < 0.3 ? u(0.5, 4) : 0));
    const cameraBeyond = side > 0 ? facade < 1 : facade > -1;
    const built = !cameraBeyond && rng.uniform() < 0.75;
    if (built) {
      let z = u(-90, -60);
      while (z < 170) {
        const bw = u(6, 22);
        const gap = rng.uniform() < 0.3 ? u(1, 6) : 0;
        const depth = u(8, 16);
        const x0 = side > 0 ? facade : facade - depth;
        const x1 = side > 0 ? facade + depth : facade;
        const dmax = Math.max(r.depthOf(x0, z), r.depthOf(x1, z), r.depthOf(x0, z + bw), r.depthOf(x1, z + bw));
        if (dmax > 0.5) _drawBuilding(r, rng, x0, x1, z, z + bw, u(4, 24), -side, light, light.sky, dusk);
        z += bw + gap;
      }
    } else if (!cameraBeyond) {
      for (let k = 0; k < 14; k++) {
        const X = facade + side * u(0.5, 25);
        const Z = u(-40, 120);
        if (inView(X, Z)) _drawTree(r, rng, X, Z, light, u(0.8, 1.6));
      }
    }
    if (rng.uniform() < 0.55) {
      let z = u(-40, -25);
      const step = u(7, 15);
      while (z < 120) {
        const X = walkIn + side * u(0.6, Math.max(0.7, st.sidewalk - 0.6));
        if (inView(X, z)) _drawTree(r, rng, X, z, light);
        z += step;
      }
    }
    let z = u(-40, -20);
    const poleStep = u(15, 35);
    while (z < 120) {
      const X = walkIn + side * 0.45;
      if (inView(X, z)) _drawPole(r, rng, X, z, light, -side);
      z += poleStep;
    }
    const people = rng.int(4);
    for (let k = 0; k < people; k++) {
      const X = walkIn + side * u(0.4, st.sidewalk - 0.3);
      const Zp = u(-10, 40);
      if (inView(X, Zp) && !nearCar(X, Zp)) _drawPerson(r, rng, X, Zp, light);
    }
  }
}

/** A pole, tree or person standing between the camera and `target` (partial occlusion). */
function _drawOccluder(rng: Rng, u: _U, r: _Raster, light: _Light, target: _Car, dmin: number): void {
  const U = r.w;
  const cam = r.cam;
  const dh = r.depthOf(target.X, target.Z);
  const zc = u(dmin, Math.max(dmin + 0.1, dh - 1.5));
  const hx = r.screenX(target.X, target.Z);
  const sx = rng.uniform() < 0.65 && Number.isFinite(hx) ? hx + U * u(-0.15, 0.15) : U * u(0, 1);
  const xc = ((sx - cam.cx) * zc) / cam.f;
  const X = r.worldX(xc, zc);
  const Z = r.worldZ(xc, zc);
  const kind = rng.uniform();
  if (kind < 0.55) _drawPole(r, rng, X, Z, light, 1);
  else if (kind < 0.75) _drawTree(r, rng, X, Z, light, u(0.6, 1));
  else _drawPerson(r, rng, X, Z, light);
}

function _compose(rng: Rng, U: number): _Raster {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  // Camera.
  const yaw = u(-1.5, 1.5);
  const cam = { f: U * u(0.75, 1.15), cx: U * u(0.42, 0.58), yh: U * u(0.3, 0.5), camH: u(1.1, 2.8), yaw };
  const r = new _Raster(U, U, cam);
  const { light, dusk } = _drawSkyAndLight(rng, r, u);
  // Street.
  const roadW = u(6.5, 13);
  const roadC = Math.sin(yaw) * u(5, 14) + u(-3, 3) * Math.cos(yaw) ** 2;
  const st = _makeStreet(rng, u, roadC, roadW);
  _drawGround(r, st, light);
  // Cars: a hero car well in view, then up to three more.
  const palette = { road: st.road, sky: light.sky };
  const slots = _slots(rng, st);
  const cars: _Car[] = [];
  const place = _placer(rng, u, r, slots, cars, palette);
  const hero = place(3.5, 13, 0.12, 0.88, rng.uniform() < 0.15) ?? place(3.5, 13, 0.12, 0.88, true) ?? _randomCar(rng, r.worldX(0, 7), r.worldZ(0, 7), u(0, 6.28), palette);
  cars.push(hero);
  const extra = rng.int(4);
  for (let i = 0; i < extra; i++) {
    const c = place(3, 45, -0.15, 1.15, rng.uniform() < 0.1);
    if (c) cars.push(c);
  }
  for (const c of cars) _drawCarShadow(r, c, light);
  for (const c of cars) _drawCar(r, c, light);
  _drawSurroundings(rng, u, r, st, light, dusk, cars);
  // Foreground occluder between the camera and the hero car.
  if (rng.uniform() < 0.35) _drawOccluder(rng, u, r, light, hero, 1.5);
  return r;
}

/** Share of car pixels (body, window, wheel, light) in a raster. */
function _carShare(r: _Raster): number {
  let n = 0;
  for (let i = 0; i < r.cls.length; i++) if (r.cls[i] >= _BODY && r.cls[i] <= _LIGHT) n++;
  return n / r.cls.length;
}

/**
 * The car-centric layout (like LSUN cars): the camera frames one main car that covers a drawn
 * share of the frame (the depth found by bisection on the car drawn alone, crops at the border
 * included), seen from any side, with the street, buildings, sky and light of the street layout
 * around it, up to three small cars further away and sometimes an occluder in front.
 */
function _composeCarCentric(rng: Rng, U: number): _Raster {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  // Camera: any direction relative to the street (so the main car shows any side), eye height
  // from a crouch to above the roof; the horizon row is set once the car's depth is known.
  const yaw = u(-Math.PI / 2, Math.PI / 2);
  const cam = { f: U * u(0.95, 1.7), cx: U * u(0.45, 0.55), yh: U * 0.4, camH: u(0.8, 2.1), yaw };
  const r = new _Raster(U, U, cam);
  const sky = _pickSkyAndLight(rng, u);
  const { light } = sky;
  const roadW = u(6.5, 13);
  const st = _makeStreet(rng, u, 0, roadW);
  const palette = { road: st.road, sky: light.sky };
  // The main car: along the road (either way) or at any angle (parked, turning).
  const aligned = rng.uniform() < 0.7;
  const heading = aligned ? (rng.uniform() < 0.5 ? 0 : Math.PI) + u(-0.25, 0.25) : u(0, 2 * Math.PI);
  const hero = _randomCar(rng, 0, 0, heading, palette);
  // How much of the frame the main car's box spans (its larger side over the frame side): most
  // cars whole and large, a fifth zoomed in and cut by the border.
  const zoomed = rng.uniform() < 0.2;
  const fill = zoomed ? u(1.05, 1.4) : u(0.82, 1.0);
  const boxX = zoomed ? u(0.3, 0.7) : u(0, 1);
  const boxY = u(0, 1);
  // The car on the camera's axis at depth d; measured drawn alone at S px in a frame with an S
  // margin all round (so its whole box is seen), in frame pixels of the output.
  const S = Math.min(48, U);
  const k = S / U;
  const measure = (d: number) => {
    hero.X = r.worldX(0, d);
    hero.Z = r.worldZ(0, d);
    cam.yh = U * 0.5 - (cam.f * (cam.camH - hero.ht * 0.5)) / d;
    const scratch = new _Raster(3 * S, 3 * S, { f: cam.f * k, cx: cam.cx * k + S, yh: cam.yh * k + S, camH: cam.camH, yaw });
    _drawCar(scratch, hero, light);
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (let i = 0; i < scratch.cls.length; i++) {
      if (scratch.cls[i] < _BODY || scratch.cls[i] > _LIGHT) continue;
      const x = i % (3 * S);
      const y = Math.floor(i / (3 * S));
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    const span = Math.max(x1 - x0 + 1, y1 - y0 + 1) / S;
    return { span, x0: (x0 - S) / k, x1: (x1 + 1 - S) / k, y0: (y0 - S) / k, y1: (y1 + 1 - S) / k };
  };
  // Bisection on log depth for the span.
  let lo = Math.log(Math.max(1.2, 0.5 * Math.hypot(hero.L, hero.W) + 0.4));
  let hi = Math.log(60);
  for (let it = 0; it < 10; it++) {
    const mid = 0.5 * (lo + hi);
    if (measure(Math.exp(mid)).span > fill) lo = mid;
    else hi = mid;
  }
  const depth = Math.exp(0.5 * (lo + hi));
  const box = measure(depth);
  // Shift the frame (cx, horizon row: a shift lens, the geometry unchanged) to put the box at a
  // drawn place: inside the frame when it fits, centred around the middle when it does not.
  const place = (a0: number, a1: number, t: number) => {
    const w = a1 - a0;
    return w <= U ? t * (U - w) - a0 : U * (0.5 + (t - 0.5) * 0.4) - 0.5 * (a0 + a1);
  };
  const bw = box.x1 - box.x0;
  cam.cx += bw <= U ? place(box.x0, box.x1, boxX) : U * boxX - 0.5 * (box.x0 + box.x1);
  cam.yh += place(box.y0, box.y1, 0.35 + 0.55 * boxY);
  // The street runs under the main car: in a lane of its direction, or anywhere on the road.
  const lane = Math.max(1.7, roadW / 4);
  const roadC = aligned ? hero.X + (Math.cos(heading) > 0 ? -lane : lane) : hero.X + u(-roadW / 3, roadW / 3);
  st.roadL = roadC - roadW / 2;
  st.roadR = roadC + roadW / 2;
  _drawSkyFromPick(rng, r, u, sky);
  _drawGround(r, st, light);
  const slots = _slots(rng, st);
  const cars: _Car[] = [hero];
  const placeCar = _placer(rng, u, r, slots, cars, palette);
  const extra = rng.int(4);
  for (let i = 0; i < extra; i++) {
    const c = placeCar(Math.max(9, depth + 5), 50, -0.1, 1.1, rng.uniform() < 0.15);
    if (c) cars.push(c);
  }
  for (const c of cars) _drawCarShadow(r, c, light);
  for (const c of cars) _drawCar(r, c, light);
  _drawSurroundings(rng, u, r, st, light, sky.dusk, cars);
  if (rng.uniform() < 0.3) _drawOccluder(rng, u, r, light, hero, Math.min(1.2, depth * 0.5));
  return r;
}

function _finish(r: _Raster, rng: Rng, size: number, ss: number, variant: CarVariant): RenderedScene {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const W = r.w;
  const n = size * size;
  const image = new Uint8Array(n * 3);
  const mask = new Uint8Array(n);
  const contrast = u(0.75, 1.25);
  const bright = u(-0.1, 0.1);
  const tint = [u(0.88, 1.12), u(0.88, 1.12), u(0.88, 1.12)];
  const tm = (tint[0] + tint[1] + tint[2]) / 3;
  const gamma = u(0.8, 1.25);
  const vig = u(0, 0.3);
  const sigma = u(0.004, 0.03);
  const noise = rng.normalArray(n * 3);
  const mirror = rng.uniform() < 0.5;
  const counts = new Uint8Array(_NUM_MULTI);
  const inv = 1 / (ss * ss);
  const cs = ss >> 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sr = 0;
      let sg = 0;
      let sb = 0;
      counts.fill(0);
      for (let dy = 0; dy < ss; dy++) {
        for (let dx = 0; dx < ss; dx++) {
          const i = (y * ss + dy) * W + x * ss + dx;
          sr += r.rgb[3 * i];
          sg += r.rgb[3 * i + 1];
          sb += r.rgb[3 * i + 2];
          const c = r.cls[i];
          counts[variant === 'binary' ? (c >= _BODY && c <= _LIGHT ? 1 : 0) : c]++;
        }
      }
      const ci = (y * ss + cs) * W + x * ss + cs;
      const cc = r.cls[ci];
      let best = variant === 'binary' ? (cc >= _BODY && cc <= _LIGHT ? 1 : 0) : cc;
      for (let k = 0; k < counts.length; k++) if (counts[k] > counts[best]) best = k;
      const ox = mirror ? size - 1 - x : x;
      const o = y * size + ox;
      mask[o] = best;
      const dxn = (x + 0.5) / size - 0.5;
      const dyn = (y + 0.5) / size - 0.5;
      const vf = 1 - vig * (dxn * dxn + dyn * dyn) * 2;
      const src = [sr * inv, sg * inv, sb * inv];
      for (let ch = 0; ch < 3; ch++) {
        let v = ((src[ch] - 0.5) * contrast + 0.5 + bright) * (tint[ch] / tm);
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        v = Math.pow(v, gamma) * vf + sigma * noise[3 * (y * size + x) + ch];
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        image[3 * o + ch] = Math.round(v * 255);
      }
    }
  }
  return { image, mask, width: size, height: size };
}
