import type { Rng } from '@ganseg/runtime';
import { _BACKGROUND, _ROAD, _SKY } from './_classes.js';
import { _hsv, _mix } from './_color.js';
import type { _Light } from './_draw-car.js';
import { _fbm, _hash2 } from './_noise.js';
import type { _Raster } from './_raster.js';

type _Rgb = [number, number, number];

/** The street: a road strip along Z between sidewalks, in world metres. */
export interface _Street {
  roadL: number;
  roadR: number;
  sidewalk: number;
  road: _Rgb;
  walk: _Rgb;
  ground: _Rgb;
  marking: _Rgb;
  dashed: boolean;
  edgeLines: boolean;
  crosswalkZ: number | null;
  seed: number;
}

/** Sky gradient with clouds, written straight into the buffers (class sky, infinite depth). */
export function _drawSky(r: _Raster, top: _Rgb, horizon: _Rgb, cloud: _Rgb, cover: number, seed: number): void {
  const { w, h, rgb, cls } = r;
  const yh = r.cam.yh;
  const sc = 4 / w;
  for (let y = 0; y < h; y++) {
    const t = Math.min(1, Math.max(0, y / Math.max(1, yh)));
    const tt = Math.pow(t, 1.6);
    const base = _mix(top, horizon, tt);
    for (let x = 0; x < w; x++) {
      const n = _fbm(x * sc + 10, y * sc * 2.2, seed, 4);
      let a = (n - (1 - cover)) / 0.18;
      a = a < 0 ? 0 : a > 1 ? 1 : a;
      a *= 1 - 0.6 * tt;
      const shade = 0.82 + 0.25 * _fbm(x * sc * 2, y * sc * 4, seed + 7, 2);
      const i = y * w + x;
      rgb[3 * i] = base[0] + (cloud[0] * shade - base[0]) * a;
      rgb[3 * i + 1] = base[1] + (cloud[1] * shade - base[1]) * a;
      rgb[3 * i + 2] = base[2] + (cloud[2] * shade - base[2]) * a;
      cls[i] = _SKY;
    }
  }
}

/** A far silhouette (city blocks, tree line or hills) standing on the horizon. */
export function _drawSkyline(r: _Raster, rng: Rng, color: _Rgb, kind: number): void {
  const { w } = r;
  const yh = r.cam.yh;
  const zc = 2000;
  const pts: number[] = [];
  const push = (px: number, py: number) => {
    const k = pts.length;
    r.screenToCam(px, py, zc, pts, k);
  };
  push(-2, yh + 3);
  const seed = rng.int(1 << 30);
  if (kind === 0) {
    let x = -2;
    while (x < w + 2) {
      const bw = w * (0.03 + 0.1 * rng.uniform());
      const bh = rng.uniform() < 0.15 ? 0 : w * (0.02 + 0.16 * rng.uniform() ** 1.5);
      push(x, yh - bh);
      push(x + bw, yh - bh);
      x += bw;
    }
  } else {
    const amp = kind === 1 ? 0.09 : 0.14;
    const freq = kind === 1 ? 14 : 3;
    for (let x = -2; x <= w + 2; x += 2) {
      const n = _fbm((x / w) * freq, 0.5, seed, 3);
      push(x, yh - w * (0.01 + amp * n));
    }
  }
  push(w + 2, yh + 3);
  const tex = kind === 1 ? 0.25 : 0.08;
  r.polyCam(pts, _BACKGROUND, (xc, yc, _zc, o) => {
    const m = 1 - tex + tex * 2 * _fbm(xc * 0.05, yc * 0.05, seed + 3, 2);
    o[0] = color[0] * m;
    o[1] = color[1] * m;
    o[2] = color[2] * m;
  }, { noDepth: false });
}

/** Ground, sidewalks, road with markings. */
export function _drawGround(r: _Raster, st: _Street, light: _Light): void {
  const E = 400;
  const k = light.ambient + light.diffuse * Math.max(0, light.sun[1]);
  const g = st.ground;
  const seed = st.seed;
  r.poly3([-E, 0, -E, E, 0, -E, E, 0, E, -E, 0, E], _BACKGROUND, (xc, _yc, zc, o) => {
    const X = r.worldX(xc, zc);
    const Z = r.worldZ(xc, zc);
    const m = k * (0.75 + 0.5 * _fbm(X * 0.7, Z * 0.7, seed + 1, 3));
    o[0] = g[0] * m; o[1] = g[1] * m; o[2] = g[2] * m;
  });
  const wk = st.walk;
  for (const [x0, x1] of [[st.roadL - st.sidewalk, st.roadL], [st.roadR, st.roadR + st.sidewalk]]) {
    r.poly3([x0, 0, -E, x1, 0, -E, x1, 0, E, x0, 0, E], _BACKGROUND, (xc, _yc, zc, o) => {
      const X = r.worldX(xc, zc);
      const Z = r.worldZ(xc, zc);
      const fz = Z / 1.2 - Math.floor(Z / 1.2);
      const fx = X / 1.2 - Math.floor(X / 1.2);
      const joint = fz < 0.05 || fx < 0.05 ? 0.8 : 1;
      const m = k * joint * (0.85 + 0.3 * _fbm(X * 1.5, Z * 1.5, seed + 2, 2));
      o[0] = wk[0] * m; o[1] = wk[1] * m; o[2] = wk[2] * m;
    }, { bias: 0.01 });
    // the kerb: a lighter strip
    const kx0 = x0 === st.roadR ? st.roadR : st.roadL - 0.25;
    r.poly3([kx0, 0, -E, kx0 + 0.25, 0, -E, kx0 + 0.25, 0, E, kx0, 0, E], _BACKGROUND, (_a, _b, _c, o) => {
      o[0] = wk[0] * k * 1.15; o[1] = wk[1] * k * 1.15; o[2] = wk[2] * k * 1.15;
    }, { bias: 0.015 });
  }
  const rd = st.road;
  r.poly3([st.roadL, 0, -E, st.roadR, 0, -E, st.roadR, 0, E, st.roadL, 0, E], _ROAD, (xc, _yc, zc, o) => {
    const X = r.worldX(xc, zc);
    const Z = r.worldZ(xc, zc);
    const big = _fbm(X * 0.25, Z * 0.25, seed + 5, 2);
    const fine = _hash2(Math.floor(X * 30), Math.floor(Z * 30), seed + 6);
    const m = k * (0.7 + 0.45 * big + 0.14 * (fine - 0.5) * Math.min(1, 8 / zc));
    o[0] = rd[0] * m; o[1] = rd[1] * m; o[2] = rd[2] * m;
  }, { bias: 0.01 });
  const mk = st.marking;
  const paint = (x0: number, x1: number, z0: number, z1: number) => {
    r.poly3([x0, 0, z0, x1, 0, z0, x1, 0, z1, x0, 0, z1], _ROAD, (_a, _b, _c, o) => {
      o[0] = mk[0] * k; o[1] = mk[1] * k; o[2] = mk[2] * k;
    }, { bias: 0.03 });
  };
  const c = (st.roadL + st.roadR) / 2;
  if (st.dashed) {
    for (let z = -120; z < 200; z += 9) paint(c - 0.08, c + 0.08, z, z + 3);
  } else {
    paint(c - 0.2, c - 0.06, -E, E);
    paint(c + 0.06, c + 0.2, -E, E);
  }
  if (st.edgeLines) {
    paint(st.roadL + 0.3, st.roadL + 0.45, -E, E);
    paint(st.roadR - 0.45, st.roadR - 0.3, -E, E);
  }
  if (st.crosswalkZ !== null) {
    for (let x = st.roadL + 0.5; x < st.roadR - 0.5; x += 1.0) paint(x, x + 0.5, st.crosswalkZ, st.crosswalkZ + 3);
  }
}

/** An axis-aligned box (5 faces: no bottom), flat colour with lambert shading and texture. */
export function _drawBox(
  r: _Raster, x0: number, x1: number, y0: number, y1: number, z0: number, z1: number,
  cls: number, color: readonly number[], light: _Light, tex = 0, seed = 0,
): void {
  const faces = [
    [x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0],
    [x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1],
    [x0, y0, z0, x0, y0, z1, x0, y1, z1, x0, y1, z0],
    [x1, y0, z0, x1, y0, z1, x1, y1, z1, x1, y1, z0],
    [x0, y1, z0, x1, y1, z0, x1, y1, z1, x0, y1, z1],
  ];
  for (const f of faces) {
    const k = light.ambient + light.diffuse * r.lambert(f, light.sun);
    r.poly3(f, cls, (xc, yc, zc, o) => {
      let m = k;
      if (tex > 0) m *= 1 - tex + 2 * tex * _fbm(r.worldX(xc, zc) * 0.8 + yc * 0.3, r.worldZ(xc, zc) * 0.8 + yc * 0.9, seed, 2);
      o[0] = color[0] * m; o[1] = color[1] * m; o[2] = color[2] * m;
    });
  }
}

/**
 * A building: a box whose street facade (at x = `facadeX`, facing `facing` = -1 or 1 along X)
 * carries a shop front and a grid of windows.
 */
export function _drawBuilding(
  r: _Raster, rng: Rng, x0: number, x1: number, z0: number, z1: number, height: number,
  facing: number, light: _Light, sky: _Rgb, dusk: boolean,
): void {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const t = rng.uniform();
  let col: _Rgb;
  if (t < 0.3) col = _hsv(rng.uniform(), u(0.2, 0.6), u(0.4, 0.85));
  else if (t < 0.55) col = _hsv(u(0.0, 0.05), u(0.4, 0.65), u(0.35, 0.6)); // brick
  else if (t < 0.8) col = _hsv(u(0.08, 0.14), u(0.1, 0.35), u(0.6, 0.9)); // stone, beige
  else col = _hsv(rng.uniform(), u(0, 0.06), u(0.35, 0.9));
  const seed = rng.int(1 << 30);
  _drawBox(r, x0, x1, 0, height, z0, z1, _BACKGROUND, col, light, 0.12, seed);
  const fx = facing < 0 ? x0 : x1;
  const zmin = Math.min(r.depthOf(fx, z0), r.depthOf(fx, z1));
  if (zmin > 90 || Math.max(r.depthOf(fx, z0), r.depthOf(fx, z1)) < 0.5) return;
  const glass = _hsv(u(0.5, 0.65), u(0.1, 0.4), u(0.08, 0.3));
  const floorH = u(3, 3.6);
  const ww = u(0.9, 1.6);
  const wh = u(1.2, 1.8);
  const pitch = u(2.4, 3.6);
  const k = 0.6 + 0.5 * light.ambient;
  const win = (za: number, zb: number, ya: number, yb: number, lit: boolean) => {
    const pts = [fx, ya, za, fx, ya, zb, fx, yb, zb, fx, yb, za];
    r.poly3(pts, _BACKGROUND, (_xc, yc, _zc, o) => {
      if (lit) { o[0] = 1; o[1] = 0.85; o[2] = 0.5; return; }
      const tt = 0.15 + 0.3 * Math.min(1, Math.max(0, (yc + r.cam.camH - ya) / (yb - ya)));
      o[0] = glass[0] * k + sky[0] * tt; o[1] = glass[1] * k + sky[1] * tt; o[2] = glass[2] * k + sky[2] * tt;
    }, { bias: 0.05 });
  };
  // Shop front on the ground floor.
  if (rng.uniform() < 0.6 && z1 - z0 > 4) win(z0 + 0.6, z1 - 0.6, 0.4, 2.6, dusk && rng.uniform() < 0.5);
  const n = Math.floor((z1 - z0 - 0.6) / pitch);
  const off = (z1 - z0 - n * pitch) / 2;
  for (let y = floorH; y + wh + 0.5 < height; y += floorH) {
    for (let i = 0; i < n; i++) {
      const zc = z0 + off + (i + 0.5) * pitch;
      win(zc - ww / 2, zc + ww / 2, y + 0.6, y + 0.6 + wh, dusk && rng.uniform() < 0.3);
    }
  }
}

/** A tree: trunk and a few camera-facing noisy blobs of foliage. */
export function _drawTree(r: _Raster, rng: Rng, X: number, Z: number, light: _Light, scale = 1): void {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const trunkH = u(1.8, 3.2) * scale;
  const tr = 0.12 * scale + 0.05;
  _drawBox(r, X - tr, X + tr, 0, trunkH + 1, Z - tr, Z + tr, _BACKGROUND, _hsv(u(0.05, 0.1), u(0.3, 0.6), u(0.2, 0.4)), light);
  const hue = rng.uniform() < 0.8 ? u(0.17, 0.33) : u(0.04, 0.12);
  const leaf = _hsv(hue, u(0.35, 0.75), u(0.25, 0.6));
  const R = u(1.4, 2.6) * scale;
  const seed = rng.int(1 << 30);
  const nb = 2 + rng.int(3);
  const k = light.ambient + light.diffuse * 0.7;
  for (let b = 0; b < nb; b++) {
    const c: number[] = [];
    r.toCam(X + u(-0.6, 0.6) * R, trunkH + R * u(0.5, 1.2), Z + u(-0.6, 0.6) * R, c, 0);
    const rr = R * u(0.6, 1);
    const pts: number[] = [];
    const N = 18;
    for (let i = 0; i < N; i++) {
      const th = (2 * Math.PI * i) / N;
      const rad = rr * (0.75 + 0.35 * _hash2(i, b, seed));
      pts.push(c[0] + rad * Math.cos(th), c[1] + rad * Math.sin(th) * 0.9, c[2] - b * 0.05);
    }
    r.polyCam(pts, _BACKGROUND, (xc, yc, _zc, o) => {
      const m = k * (0.45 + 0.9 * _fbm(xc * 2.5, yc * 2.5, seed + b, 3)) * (0.8 + 0.3 * (yc - c[1]) / rr);
      o[0] = leaf[0] * m; o[1] = leaf[1] * m; o[2] = leaf[2] * m;
    });
  }
}

/** A street lamp or a sign pole. */
export function _drawPole(r: _Raster, rng: Rng, X: number, Z: number, light: _Light, towardsRoad: number): void {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const col = rng.uniform() < 0.5 ? _hsv(0, 0, u(0.25, 0.6)) : _hsv(u(0.25, 0.45), u(0.2, 0.5), u(0.15, 0.35));
  const s = 0.07;
  if (rng.uniform() < 0.5) {
    const H = u(4.5, 7);
    _drawBox(r, X - s, X + s, 0, H, Z - s, Z + s, _BACKGROUND, col, light);
    const arm = u(1, 2.2) * towardsRoad;
    _drawBox(r, Math.min(X, X + arm), Math.max(X, X + arm), H - 0.1, H, Z - 0.05, Z + 0.05, _BACKGROUND, col, light);
    _drawBox(r, X + arm - 0.25, X + arm + 0.25, H - 0.3, H - 0.1, Z - 0.15, Z + 0.15, _BACKGROUND, [0.9, 0.9, 0.8], light);
  } else {
    const H = u(2.2, 3);
    _drawBox(r, X - s * 0.7, X + s * 0.7, 0, H, Z - s * 0.7, Z + s * 0.7, _BACKGROUND, col, light);
    const sign = [_hsv(0, 0.85, 0.8), _hsv(0.6, 0.8, 0.7), _hsv(0.13, 0.9, 0.9), _hsv(0.35, 0.7, 0.5), _hsv(0, 0, 0.9)][rng.int(5)];
    const sz = u(0.3, 0.45);
    const pts = [X - sz, H - 2 * sz, Z - 0.06, X + sz, H - 2 * sz, Z - 0.06, X + sz, H, Z - 0.06, X - sz, H, Z - 0.06];
    const k = light.ambient + light.diffuse * r.lambert(pts, light.sun);
    r.poly3(pts, _BACKGROUND, (_a, _b, _c, o) => { o[0] = sign[0] * k; o[1] = sign[1] * k; o[2] = sign[2] * k; });
  }
}

/** A pedestrian made of boxes, clothes of any colour. */
export function _drawPerson(r: _Raster, rng: Rng, X: number, Z: number, light: _Light): void {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const H = u(1.55, 1.9);
  const legs = _hsv(rng.uniform(), u(0, 0.6), u(0.1, 0.5));
  const top = _hsv(rng.uniform(), u(0, 0.9), u(0.15, 0.95));
  const skin = _hsv(u(0.04, 0.09), u(0.3, 0.6), u(0.35, 0.9));
  const hw = 0.2;
  _drawBox(r, X - hw, X - 0.02, 0, H * 0.47, Z - 0.1, Z + 0.1, _BACKGROUND, legs, light);
  _drawBox(r, X + 0.02, X + hw, 0, H * 0.47, Z - 0.1, Z + 0.1, _BACKGROUND, legs, light);
  _drawBox(r, X - hw - 0.03, X + hw + 0.03, H * 0.47, H * 0.85, Z - 0.13, Z + 0.13, _BACKGROUND, top, light);
  _drawBox(r, X - 0.1, X + 0.1, H * 0.86, H, Z - 0.1, Z + 0.1, _BACKGROUND, skin, light);
}
