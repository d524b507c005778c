/**
 * A tiny z-buffered polygon rasteriser with a pinhole camera over a flat ground (Y = 0).
 * World: X right, Y up, Z forward (the street runs along Z); the camera sits at (0, camH, 0),
 * turned by `yaw` about Y, looking level (the horizon is the row `yh`).
 */

/** Writes a colour (or a multiplier) for the camera-space point (xc, yc, zc) into `o`. */
export type _Shade = (xc: number, yc: number, zc: number, o: Float32Array) => void;

/** Pinhole camera of the scene. */
export interface _Camera {
  f: number;
  cx: number;
  yh: number;
  camH: number;
  yaw: number;
}

/** Options of one polygon. */
export interface _PolyOptions {
  /** Depth bias in metres (decals on a face: lane markings, windows, lights). */
  bias?: number;
  /** Multiply the colour already there by the shade (shadows); class and depth untouched. */
  multiply?: boolean;
  /** Skip the depth test (the sky and far skyline). */
  noDepth?: boolean;
}

const _NEAR = 0.05;

/** The canvas: float RGB, class map and depth buffer at the supersampled size. */
export class _Raster {
  readonly w: number;
  readonly h: number;
  readonly rgb: Float32Array;
  readonly cls: Uint8Array;
  readonly z: Float32Array;
  readonly cam: _Camera;
  readonly cos: number;
  readonly sin: number;
  fogColor: [number, number, number] = [0.7, 0.75, 0.8];
  fogDist = 1e9;
  private readonly _o = new Float32Array(3);
  private readonly _xs: number[] = [];

  constructor(w: number, h: number, cam: _Camera) {
    this.w = w;
    this.h = h;
    this.rgb = new Float32Array(w * h * 3);
    this.cls = new Uint8Array(w * h);
    this.z = new Float32Array(w * h).fill(Infinity);
    this.cam = cam;
    this.cos = Math.cos(cam.yaw);
    this.sin = Math.sin(cam.yaw);
  }

  /** World point to camera space, written at `out[k..k+2]`. */
  toCam(X: number, Y: number, Z: number, out: number[], k: number): void {
    out[k] = X * this.cos - Z * this.sin;
    out[k + 1] = Y - this.cam.camH;
    out[k + 2] = X * this.sin + Z * this.cos;
  }

  /** Camera-space point to world X (ground coordinates for textures). */
  worldX(xc: number, zc: number): number {
    return xc * this.cos + zc * this.sin;
  }

  /** Camera-space point to world Z. */
  worldZ(xc: number, zc: number): number {
    return -xc * this.sin + zc * this.cos;
  }

  /** Camera depth of a world point. */
  depthOf(X: number, Z: number): number {
    return X * this.sin + Z * this.cos;
  }

  /** Screen column of a world point (NaN behind the camera). */
  screenX(X: number, Z: number): number {
    const zc = this.depthOf(X, Z);
    if (zc <= _NEAR) return NaN;
    return this.cam.cx + (this.cam.f * (X * this.cos - Z * this.sin)) / zc;
  }

  /** Camera-space point of a screen pixel position at depth zc, written at out[k..]. */
  screenToCam(px: number, py: number, zc: number, out: number[], k: number): void {
    out[k] = ((px - this.cam.cx) * zc) / this.cam.f;
    out[k + 1] = (-(py - this.cam.yh) * zc) / this.cam.f;
    out[k + 2] = zc;
  }

  /** A planar polygon given in world coordinates (flat x,y,z list). */
  poly3(world: readonly number[], cls: number, shade: _Shade, opts: _PolyOptions = {}): void {
    const c: number[] = new Array(world.length);
    for (let k = 0; k < world.length; k += 3) this.toCam(world[k], world[k + 1], world[k + 2], c, k);
    this.polyCam(c, cls, shade, opts);
  }

  /** A planar polygon given in camera space (flat x,y,z list). */
  polyCam(cam: readonly number[], cls: number, shade: _Shade, opts: _PolyOptions = {}): void {
    const pts = _clipNear(cam);
    const n = pts.length / 3;
    if (n < 3) return;
    const { f, cx, yh } = this.cam;
    // Newell normal of the plane, for the per-pixel depth.
    let nx = 0;
    let ny = 0;
    let nz = 0;
    let mz = 0;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      const [x0, y0, z0] = [pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]];
      const [x1, y1, z1] = [pts[3 * j], pts[3 * j + 1], pts[3 * j + 2]];
      nx += (y0 - y1) * (z0 + z1);
      ny += (z0 - z1) * (x0 + x1);
      nz += (x0 - x1) * (y0 + y1);
      mz += z0;
    }
    mz /= n;
    const d = nx * pts[0] + ny * pts[1] + nz * pts[2];
    const sx: number[] = new Array(n);
    const sy: number[] = new Array(n);
    let ymin = Infinity;
    let ymax = -Infinity;
    for (let i = 0; i < n; i++) {
      const zc = pts[3 * i + 2];
      sx[i] = cx + (f * pts[3 * i]) / zc;
      sy[i] = yh - (f * pts[3 * i + 1]) / zc;
      if (sy[i] < ymin) ymin = sy[i];
      if (sy[i] > ymax) ymax = sy[i];
    }
    const y0 = Math.max(0, Math.ceil(ymin - 0.5));
    const y1 = Math.min(this.h - 1, Math.floor(ymax - 0.5));
    const bias = opts.bias ?? 0;
    const o = this._o;
    const xs = this._xs;
    const { rgb, z, w } = this;
    const fogK = 1 / this.fogDist;
    const [fr, fg, fb] = this.fogColor;
    for (let y = y0; y <= y1; y++) {
      const yc = y + 0.5;
      xs.length = 0;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const ya = sy[i];
        const yb = sy[j];
        if ((ya <= yc && yc < yb) || (yb <= yc && yc < ya)) {
          xs.push(sx[i] + ((yc - ya) * (sx[j] - sx[i])) / (yb - ya));
        }
      }
      if (xs.length < 2) continue;
      xs.sort((a, b) => a - b);
      const ry = -(yc - yh) / f;
      for (let p = 0; p + 1 < xs.length; p += 2) {
        const xa = Math.max(0, Math.ceil(xs[p] - 0.5));
        const xb = Math.min(w - 1, Math.ceil(xs[p + 1] - 0.5) - 1);
        for (let x = xa; x <= xb; x++) {
          const rx = (x + 0.5 - cx) / f;
          let zc = d / (nx * rx + ny * ry + nz);
          if (!(zc > 0 && zc < 1e7)) zc = mz;
          const i = y * w + x;
          if (!opts.noDepth && zc - bias >= z[i]) continue;
          shade(rx * zc, ry * zc, zc, o);
          const i3 = 3 * i;
          if (opts.multiply) {
            rgb[i3] *= o[0];
            rgb[i3 + 1] *= o[1];
            rgb[i3 + 2] *= o[2];
            continue;
          }
          const t = 1 - Math.exp(-zc * fogK);
          rgb[i3] = o[0] + (fr - o[0]) * t;
          rgb[i3 + 1] = o[1] + (fg - o[1]) * t;
          rgb[i3 + 2] = o[2] + (fb - o[2]) * t;
          if (cls >= 0) this.cls[i] = cls;
          if (!opts.noDepth) z[i] = zc;
        }
      }
    }
  }

  /**
   * Lambert factor of a world polygon under a sun direction (unit, pointing to the sun), with
   * the normal turned towards the camera.
   */
  lambert(world: readonly number[], sun: readonly number[]): number {
    let nx = 0;
    let ny = 0;
    let nz = 0;
    const n = world.length / 3;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      nx += (world[3 * i + 1] - world[3 * j + 1]) * (world[3 * i + 2] + world[3 * j + 2]);
      ny += (world[3 * i + 2] - world[3 * j + 2]) * (world[3 * i] + world[3 * j]);
      nz += (world[3 * i] - world[3 * j]) * (world[3 * i + 1] + world[3 * j + 1]);
    }
    const len = Math.hypot(nx, ny, nz) || 1;
    const toCam = nx * world[0] + ny * (world[1] - this.cam.camH) + nz * world[2];
    const s = toCam > 0 ? -1 / len : 1 / len;
    return Math.max(0, s * (nx * sun[0] + ny * sun[1] + nz * sun[2]));
  }
}

/** Sutherland-Hodgman clip of a camera-space polygon to z >= near. */
function _clipNear(p: readonly number[]): number[] {
  const n = p.length / 3;
  let inside = 0;
  for (let i = 0; i < n; i++) if (p[3 * i + 2] >= _NEAR) inside++;
  if (inside === n) return p as number[];
  if (inside === 0) return [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const za = p[3 * i + 2];
    const zb = p[3 * j + 2];
    const ia = za >= _NEAR;
    const ib = zb >= _NEAR;
    if (ia) out.push(p[3 * i], p[3 * i + 1], za);
    if (ia !== ib) {
      const t = (_NEAR - za) / (zb - za);
      out.push(p[3 * i] + t * (p[3 * j] - p[3 * i]), p[3 * i + 1] + t * (p[3 * j + 1] - p[3 * i + 1]), _NEAR);
    }
  }
  return out;
}
