import type { Rng } from '@ganseg/runtime';
import { _BODY, _LIGHT, _WHEEL, _WINDOW } from './_classes.js';
import { _hsv, _mix } from './_color.js';
import type { _Raster } from './_raster.js';

/** Geometry and colours of one car, in metres, on the ground at (X, Z), facing `heading`. */
export interface _Car {
  X: number;
  Z: number;
  /** Angle of the forward direction: forward = (sin h, 0, cos h). */
  heading: number;
  kind: 'sedan' | 'hatch' | 'suv' | 'van' | 'sport';
  L: number;
  W: number;
  clear: number;
  hb: number;
  ht: number;
  hood: number;
  deck: number;
  wsSlant: number;
  rearSlant: number;
  wheelR: number;
  color: [number, number, number];
  glass: [number, number, number];
  rim: [number, number, number];
  headlight: [number, number, number];
}

/** Lighting shared by everything in a scene. */
export interface _Light {
  sun: [number, number, number];
  ambient: number;
  diffuse: number;
  sky: [number, number, number];
  shadow: number;
}

/** Per kind, the ranges of L, W, clear, hb, cab, hood, deck, ws, rs (m), drawn in that order. */
const _SHAPES: Record<_Car['kind'], [number, number][]> = {
  sedan: [[4.2, 4.9], [1.7, 1.88], [0.14, 0.2], [0.78, 0.92], [0.45, 0.55], [1.0, 1.3], [0.7, 1.0], [0.5, 0.75], [0.35, 0.6]],
  hatch: [[3.6, 4.2], [1.62, 1.8], [0.14, 0.2], [0.8, 0.95], [0.5, 0.6], [0.75, 1.0], [0.05, 0.15], [0.5, 0.7], [0.2, 0.4]],
  suv: [[4.3, 4.9], [1.82, 2.0], [0.24, 0.34], [1.0, 1.15], [0.6, 0.72], [0.9, 1.15], [0.05, 0.12], [0.45, 0.6], [0.1, 0.22]],
  van: [[4.7, 5.3], [1.85, 2.0], [0.18, 0.26], [0.95, 1.1], [0.85, 1.0], [0.45, 0.7], [0.02, 0.06], [0.45, 0.6], [0.05, 0.12]],
  sport: [[4.2, 4.6], [1.8, 1.95], [0.1, 0.14], [0.68, 0.78], [0.36, 0.42], [1.2, 1.5], [0.5, 0.8], [0.7, 0.95], [0.6, 0.9]],
};

/**
 * Draws a random car body shape and colour. `palette` holds scene colours (road grey, sky blue)
 * that a car may copy, so that colour alone never tells a car from its surroundings.
 */
export function _randomCar(rng: Rng, X: number, Z: number, heading: number, palette: { road: number[]; sky: number[] }): _Car {
  const u = (a: number, b: number) => a + (b - a) * rng.uniform();
  const r = rng.uniform();
  const kind: _Car['kind'] = r < 0.35 ? 'sedan' : r < 0.6 ? 'hatch' : r < 0.8 ? 'suv' : r < 0.9 ? 'van' : 'sport';
  const [L, W, clear, hb, cab, hood, deck, ws, rs] = _SHAPES[kind].map(([a, b]) => u(a, b));
  // Body colour: many achromatic cars (as on real streets), some copying the road or the sky,
  // the rest of any hue.
  const c = rng.uniform();
  let color: [number, number, number];
  if (c < 0.38) {
    const v = [0.06, 0.12, 0.5, 0.65, 0.8, 0.92][rng.int(6)] + u(-0.05, 0.05);
    color = _hsv(rng.uniform(), u(0, 0.08), Math.min(1, Math.max(0.03, v)));
  } else if (c < 0.5) {
    const k = u(0.8, 1.2);
    color = [palette.road[0] * k, palette.road[1] * k, palette.road[2] * k];
  } else if (c < 0.6) {
    const k = u(0.75, 1.05);
    color = [palette.sky[0] * k, palette.sky[1] * k, palette.sky[2] * k];
  } else {
    color = _hsv(rng.uniform(), u(0.3, 0.95), u(0.3, 0.95));
  }
  const g = u(0.05, 0.25);
  const glass: [number, number, number] = [g * u(0.7, 1), g * u(0.8, 1.05), g * u(0.9, 1.25)];
  const rv = rng.uniform() < 0.6 ? u(0.55, 0.85) : u(0.1, 0.3);
  return {
    X, Z, heading, kind, L, W, clear, hb, ht: hb + cab, hood, deck, wsSlant: ws, rearSlant: rs,
    wheelR: kind === 'suv' || kind === 'van' ? u(0.34, 0.4) : u(0.29, 0.34),
    color, glass, rim: [rv, rv, rv * u(0.95, 1.05)],
    headlight: rng.uniform() < 0.5 ? [1, 0.97, 0.85] : [0.85, 0.88, 0.9],
  };
}

/** A soft shadow decal on the ground under the car (multiplies what the ground drew). */
export function _drawCarShadow(r: _Raster, car: _Car, light: _Light): void {
  const fx = Math.sin(car.heading);
  const fz = Math.cos(car.heading);
  const sxv = fz;
  const szv = -fx;
  const hl = car.L / 2 + 0.45;
  const hw = car.W / 2 + 0.45;
  // The shadow leans away from the sun a little.
  const ox = -light.sun[0] * 0.35;
  const oz = -light.sun[2] * 0.35;
  const cxw = car.X + ox;
  const czw = car.Z + oz;
  const pts: number[] = [];
  for (const [a, b] of [[-1, -1], [1, -1], [1, 1], [-1, 1]]) {
    pts.push(cxw + a * hl * fx + b * hw * sxv, 0.0, czw + a * hl * fz + b * hw * szv);
  }
  const s = light.shadow;
  r.poly3(pts, -1, (xc, _yc, zc, o) => {
    const X = r.worldX(xc, zc) - cxw;
    const Z = r.worldZ(xc, zc) - czw;
    const uu = Math.abs((X * fx + Z * fz) / hl);
    const vv = Math.abs((X * sxv + Z * szv) / hw);
    const q = Math.pow(uu ** 4 + vv ** 4, 0.25);
    const t = q < 0.6 ? 1 : q > 1 ? 0 : 1 - (q - 0.6) / 0.4;
    const m = 1 - s * t * t;
    o[0] = m;
    o[1] = m;
    o[2] = m;
  }, { multiply: true, bias: 0.02 });
}

/** Draws the car (body, cabin with windows, wheels, lights) into the z-buffered raster. */
export function _drawCar(r: _Raster, car: _Car, light: _Light): void {
  const fx = Math.sin(car.heading);
  const fz = Math.cos(car.heading);
  // local (x forward, y up, z right) -> world
  const P = (x: number, y: number, z: number, out: number[]) => {
    out.push(car.X + x * fx + z * fz, y, car.Z + x * fz - z * fx);
  };
  const { L, W, clear, hb, ht } = car;
  const camH = r.cam.camH;
  const bodyShade = (pts: number[], base: readonly number[], spec = 0) => {
    const k = light.ambient + light.diffuse * r.lambert(pts, light.sun);
    return (_xc: number, yc: number, _zc: number, o: Float32Array) => {
      const Y = yc + camH;
      const gsh = 0.82 + 0.28 * Math.min(1, Y / ht);
      o[0] = base[0] * k * gsh + spec * light.sky[0];
      o[1] = base[1] * k * gsh + spec * light.sky[1];
      o[2] = base[2] * k * gsh + spec * light.sky[2];
    };
  };
  // Lower body: a convex side profile extruded across the width.
  const prof: [number, number][] = [
    [-L / 2 + 0.12, clear],
    [L / 2 - 0.15, clear],
    [L / 2, clear + 0.12],
    [L / 2, hb - 0.16],
    [L / 2 - 0.3, hb],
    [-L / 2 + 0.15, hb],
    [-L / 2, hb - 0.1],
    [-L / 2, clear + 0.12],
  ];
  const hw = W / 2;
  for (const side of [-1, 1]) {
    const pts: number[] = [];
    for (const [x, y] of prof) P(x, y, side * hw, pts);
    r.poly3(pts, _BODY, bodyShade(pts, car.color, 0.05));
  }
  for (let i = 0; i < prof.length; i++) {
    const [xa, ya] = prof[i];
    const [xb, yb] = prof[(i + 1) % prof.length];
    const pts: number[] = [];
    P(xa, ya, -hw, pts); P(xb, yb, -hw, pts); P(xb, yb, hw, pts); P(xa, ya, hw, pts);
    const top = ya === hb && yb === hb;
    const under = ya === clear && yb === clear;
    r.poly3(pts, _BODY, bodyShade(pts, under ? [0.04, 0.04, 0.04] : car.color, top ? 0.12 : 0.03));
  }
  // Cabin: a convex frustum with tumblehome.
  const a0 = -L / 2 + car.deck;
  const a1 = L / 2 - car.hood;
  const b0 = a0 + car.rearSlant;
  const b1 = a1 - car.wsSlant;
  const wb = hw - 0.06;
  const wt = hw - 0.22;
  const A = [[a0, hb, -wb], [a1, hb, -wb], [a1, hb, wb], [a0, hb, wb]];
  const B = [[b0, ht, -wt], [b1, ht, -wt], [b1, ht, wt], [b0, ht, wt]];
  const faces: { q: number[][]; windows: [number, number, number, number][] }[] = [];
  const sideWins: [number, number, number, number][] =
    car.kind === 'van'
      ? [[0.04, 0.3, 0.12, 0.88], [0.34, 0.64, 0.12, 0.88], [0.68, 0.95, 0.12, 0.88]]
      : [[0.06, 0.48, 0.12, 0.88], [0.53, 0.94, 0.12, 0.88]];
  faces.push({ q: [B[0], B[1], B[2], B[3]], windows: [] });
  faces.push({ q: [A[1], A[2], B[2], B[1]], windows: [[0.05, 0.95, 0.07, 0.9]] });
  faces.push({ q: [A[3], A[0], B[0], B[3]], windows: [[0.08, 0.92, 0.1, 0.88]] });
  faces.push({ q: [A[0], A[1], B[1], B[0]], windows: sideWins.map(([u0, u1, v0, v1]) => [u0, u1, v0, v1]) });
  faces.push({ q: [A[2], A[3], B[3], B[2]], windows: sideWins.map(([u0, u1, v0, v1]) => [1 - u1, 1 - u0, v0, v1]) });
  for (const face of faces) {
    const pts: number[] = [];
    for (const [x, y, z] of face.q) P(x, y, z, pts);
    r.poly3(pts, _BODY, bodyShade(pts, car.color, 0.1));
    for (const [u0, u1, v0, v1] of face.windows) {
      const wpts: number[] = [];
      for (const [uu, vv] of [[u0, v0], [u1, v0], [u1, v1], [u0, v1]]) {
        const q = face.q;
        const x = _bil(q[0][0], q[1][0], q[2][0], q[3][0], uu, vv);
        const y = _bil(q[0][1], q[1][1], q[2][1], q[3][1], uu, vv);
        const z = _bil(q[0][2], q[1][2], q[2][2], q[3][2], uu, vv);
        P(x, y, z, wpts);
      }
      const k = 0.6 + 0.5 * r.lambert(wpts, light.sun);
      const g = car.glass;
      r.poly3(wpts, _WINDOW, (_xc, yc, _zc, o) => {
        const t = Math.min(1, Math.max(0, (yc + camH - hb) / (ht - hb)));
        const refl = 0.1 + 0.35 * t;
        o[0] = g[0] * k + light.sky[0] * refl;
        o[1] = g[1] * k + light.sky[1] * refl;
        o[2] = g[2] * k + light.sky[2] * refl;
      }, { bias: 0.03 });
    }
  }
  // Lights, grille and plates on the nose and tail, wrap-around lights on the sides.
  const decal = (x: number, y0: number, y1: number, z0: number, z1: number, cls: number, col: readonly number[], emissive: boolean) => {
    const pts: number[] = [];
    P(x, y0, z0, pts); P(x, y0, z1, pts); P(x, y1, z1, pts); P(x, y1, z0, pts);
    const k = emissive ? 1 : light.ambient + light.diffuse * r.lambert(pts, light.sun);
    r.poly3(pts, cls, (_a, _b, _c, o) => { o[0] = col[0] * k; o[1] = col[1] * k; o[2] = col[2] * k; }, { bias: 0.03 });
  };
  const sideDecal = (x0: number, x1: number, y0: number, y1: number, side: number, cls: number, col: readonly number[]) => {
    const pts: number[] = [];
    P(x0, y0, side * hw, pts); P(x1, y0, side * hw, pts); P(x1, y1, side * hw, pts); P(x0, y1, side * hw, pts);
    r.poly3(pts, cls, (_a, _b, _c, o) => { o[0] = col[0]; o[1] = col[1]; o[2] = col[2]; }, { bias: 0.03 });
  };
  const ly0 = hb - 0.34;
  const ly1 = hb - 0.19;
  const tail: [number, number, number] = [0.75, 0.05, 0.05];
  const dark = _mix(car.color, [0.02, 0.02, 0.02], 0.8);
  decal(L / 2, clear + 0.2, ly0 - 0.02, -hw * 0.45, hw * 0.45, _BODY, dark, false); // grille / bumper
  decal(L / 2, clear + 0.12, clear + 0.24, -0.25, 0.25, _BODY, [0.85, 0.85, 0.8], false); // plate
  decal(-L / 2, clear + 0.14, clear + 0.28, -0.25, 0.25, _BODY, [0.85, 0.85, 0.75], false);
  for (const s of [-1, 1]) {
    decal(L / 2, ly0, ly1, s * (hw - 0.08), s * (hw - 0.38), _LIGHT, car.headlight, true);
    decal(-L / 2, ly0 + 0.06, ly1 + 0.04, s * (hw - 0.06), s * (hw - 0.34), _LIGHT, tail, true);
    sideDecal(L / 2 - 0.28, L / 2 - 0.02, ly0 + 0.02, ly1, s, _LIGHT, car.headlight);
    sideDecal(-L / 2 + 0.02, -L / 2 + 0.2, ly0 + 0.06, ly1 + 0.04, s, _LIGHT, tail);
  }
  // Wheels: 12-sided prisms whose outer face stands a little proud of the body side.
  const rw = car.wheelR;
  const tw = 0.22;
  const wxs = [L / 2 - Math.max(0.65, car.hood * 0.7), -L / 2 + Math.max(0.6, car.deck * 0.8 + 0.2)];
  const tyre = [0.05, 0.05, 0.055];
  for (const wx of wxs) {
    for (const s of [-1, 1]) {
      const zo = s * (hw + 0.02);
      const zi = s * (hw + 0.02 - tw);
      const outer: number[] = [];
      const inner: number[] = [];
      const N = 12;
      for (let k = 0; k < N; k++) {
        const th = (2 * Math.PI * k) / N;
        P(wx + rw * Math.cos(th), rw + rw * Math.sin(th), zo, outer);
        P(wx + rw * Math.cos(th), rw + rw * Math.sin(th), zi, inner);
      }
      const hub: number[] = [];
      P(wx, rw, zo, hub);
      const hc: number[] = [];
      r.toCam(hub[0], hub[1], hub[2], hc, 0);
      const k = light.ambient + light.diffuse * 0.5;
      r.poly3(outer, _WHEEL, (xc, yc, zc, o) => {
        const d = Math.hypot(xc - hc[0], yc - hc[1], zc - hc[2]) / rw;
        const c = d < 0.62 ? (d < 0.2 ? tyre : car.rim) : tyre;
        o[0] = c[0] * k; o[1] = c[1] * k; o[2] = c[2] * k;
      });
      r.poly3(inner, _WHEEL, (_a, _b, _c, o) => { o[0] = tyre[0]; o[1] = tyre[1]; o[2] = tyre[2]; });
      for (let k2 = 0; k2 < N; k2++) {
        const j = (k2 + 1) % N;
        const q = [
          outer[3 * k2], outer[3 * k2 + 1], outer[3 * k2 + 2],
          outer[3 * j], outer[3 * j + 1], outer[3 * j + 2],
          inner[3 * j], inner[3 * j + 1], inner[3 * j + 2],
          inner[3 * k2], inner[3 * k2 + 1], inner[3 * k2 + 2],
        ];
        r.poly3(q, _WHEEL, (_a, _b, _c, o) => { o[0] = tyre[0] * 1.2; o[1] = tyre[1] * 1.2; o[2] = tyre[2] * 1.2; });
      }
    }
  }
}

function _bil(a: number, b: number, c: number, d: number, u: number, v: number): number {
  // a=(0,0) b=(1,0) c=(1,1) d=(0,1)
  return a * (1 - u) * (1 - v) + b * u * (1 - v) + c * u * v + d * (1 - u) * v;
}
