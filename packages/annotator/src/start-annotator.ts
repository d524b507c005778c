import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import { IGNORE_INDEX, readClasses } from '@ganseg/formats';
import { AnnotatorError } from './annotator-error.js';
import { _CLIENT_MODULES, _readClientModule } from './_client-modules.js';
import { _pageHtml } from './_page-html.js';
import { _pngSize } from './_png-size.js';
import { _decodeRle } from './_rle.js';
import { _decodeMaskPng, readMaskPng } from './read-mask-png.js';
import { validateMask } from './validate-mask.js';
import { writeMaskPng } from './write-mask-png.js';

/** A class-index mask: one class id a pixel, row-major, 255 = ignore. */
export interface MaskData {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Options of {@link startAnnotator}. */
export interface AnnotatorOptions {
  /** The workspace folder: `samples/<id>.png`, `classes.json`, `masks/<id>.png` (written). */
  workspace: string;
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Loopback address to bind: '127.0.0.1' (default), 'localhost' or '::1'. Others are refused. */
  host?: string;
  /** Optional assistance: a predicted mask for sample `id`, offered on the page as "load prediction". */
  predict?: (id: string) => Promise<MaskData>;
  /** Largest request body accepted, in bytes (default 64 MiB); larger ones get 413. */
  maxBodyBytes?: number;
}

/** A running annotator server. */
export interface Annotator {
  /** The page's address, e.g. `http://127.0.0.1:38211/`. */
  url: string;
  /** The port bound. */
  port: number;
  /** Stops the server and closes its connections. */
  close(): Promise<void>;
}

const ID = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const RE_SAMPLE = new RegExp(`^/samples/(${ID})\\.png$`);
const RE_MASK_FILE = new RegExp(`^/masks/(${ID})\\.png$`);
const RE_API_MASK = new RegExp(`^/api/masks/(${ID})$`);
const RE_API_PREDICT = new RegExp(`^/api/predict/(${ID})$`);
const RE_APP = /^\/app\/([A-Za-z0-9_-]+)\.js$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Starts the annotation server for a workspace, bound to the loopback interface only.
 *
 * Routes: `GET /` (the page), `GET /app/<module>.js` (its script), `GET /api/workspace` (classes and
 * samples with their annotation state), `GET /samples/<id>.png`, `GET /masks/<id>.png`,
 * `GET /api/masks/<id>` (raw class indices, size in `x-mask-width`/`x-mask-height`),
 * `PUT /api/masks/<id>` (body: `image/png` 8-bit grey class-index PNG, or `application/octet-stream`
 * with `?w=&h=&enc=raw|rle`), `GET /api/predict/<id>` (when `predict` is given).
 * Refused: other Host headers (403, DNS rebinding), cross-origin requests (403), paths with `..`,
 * `%`-escapes, backslashes or in absolute form (400), unknown paths (404), bodies over the limit
 * (413), masks of the wrong size or with class ids beyond classes.json other than 255 (422, with a
 * message naming the pixel).
 *
 * @param options the workspace, port, host, optional `predict`
 * @returns the URL and `close()`
 * @throws AnnotatorError when the workspace has no `samples/` folder or `host` is not a loopback
 *   address; WorkspaceError (from `@ganseg/formats`) when it has no valid `classes.json`
 * @example
 * ```ts
 * const { url, close } = await startAnnotator({ workspace: 'ws' });
 * console.log(`open ${url}`);
 * // ... later
 * await close();
 * ```
 */
export async function startAnnotator(options: AnnotatorOptions): Promise<Annotator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    throw new AnnotatorError(`host "${host}" is not a loopback address: the annotator binds 127.0.0.1, localhost or ::1 only`, 400);
  }
  const workspace = await realpath(resolve(options.workspace)).catch(() => {
    throw new AnnotatorError(`workspace ${resolve(options.workspace)} does not exist`, 400);
  });
  const samplesDir = join(workspace, 'samples');
  if (!(await stat(samplesDir).catch(() => null))?.isDirectory()) {
    throw new AnnotatorError(`${samplesDir} is missing: expected samples/<id>.png (run \`ganseg sample ... -o ${options.workspace}\`)`, 400);
  }
  await readClasses(workspace);
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const ctx: _Ctx = { workspace, predict: options.predict, maxBody, allowedHosts: new Set(), labelCache: new Map() };

  const server = createServer((req, res) => {
    _handle(ctx, req, res).catch((e: unknown) => {
      const status = e instanceof AnnotatorError ? e.status : 500;
      _json(res, status, { error: e instanceof Error ? e.message : String(e) });
    });
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host === '::1' ? '[::1]' : host;
  for (const h of host === '::1' ? ['[::1]', 'localhost'] : ['127.0.0.1', 'localhost']) ctx.allowedHosts.add(`${h}:${port}`);
  ctx.allowedHosts.add(`${hostInUrl}:${port}`);
  return {
    url: `http://${hostInUrl}:${port}/`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

interface _Ctx {
  workspace: string;
  predict?: (id: string) => Promise<MaskData>;
  maxBody: number;
  allowedHosts: Set<string>;
  labelCache: Map<string, { key: string; labelled: number }>;
}

async function _handle(ctx: _Ctx, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // DNS rebinding: a page of another site that resolves its name to 127.0.0.1 sends its own Host.
  const hostHeader = (req.headers.host ?? '').toLowerCase();
  if (!ctx.allowedHosts.has(hostHeader)) {
    return _refuse(req, res, 403, `Host "${req.headers.host ?? ''}" is not allowed; use ${[...ctx.allowedHosts][0]}`);
  }
  const origin = req.headers.origin;
  if ((origin !== undefined && !ctx.allowedHosts.has(origin.replace(/^http:\/\//, '').toLowerCase())) ||
      req.headers['sec-fetch-site'] === 'cross-site') {
    return _refuse(req, res, 403, `cross-origin request from ${origin ?? 'another site'} refused`);
  }
  const raw = req.url ?? '';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  if (raw.length > 2048) return _refuse(req, res, 414, 'request path too long');
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('..') || path.includes('\\') ||
      path.includes('%') || path.includes('\0')) {
    return _refuse(req, res, 400, `path "${path.slice(0, 200)}" refused: only the workspace's own files are served`);
  }
  const method = req.method ?? 'GET';
  const isGet = method === 'GET' || method === 'HEAD';
  let m: RegExpExecArray | null;

  if (path === '/' || path === '/index.html') {
    if (!isGet) return _refuse(req, res, 405, `${method} not allowed on ${path}`);
    return _send(res, 200, 'text/html; charset=utf-8', Buffer.from(_pageHtml()), method);
  }
  if ((m = RE_APP.exec(path))) {
    if (!isGet) return _refuse(req, res, 405, `${method} not allowed on ${path}`);
    if (!_CLIENT_MODULES.includes(m[1])) return _refuse(req, res, 404, `no such file ${path}`);
    return _send(res, 200, 'text/javascript; charset=utf-8', Buffer.from(await _readClientModule(m[1])), method);
  }
  if (path === '/favicon.ico') {
    res.writeHead(204, _headers()).end();
    return;
  }
  if (path === '/api/workspace') {
    if (!isGet) return _refuse(req, res, 405, `${method} not allowed on ${path}`);
    return _json(res, 200, await _listWorkspace(ctx));
  }
  if ((m = RE_SAMPLE.exec(path)) || (m = RE_MASK_FILE.exec(path))) {
    if (!isGet) return _refuse(req, res, 405, `${method} not allowed on ${path}`);
    const file = await _ownFile(ctx, path.startsWith('/samples/') ? 'samples' : 'masks', `${m[1]}.png`);
    if (!file) return _refuse(req, res, 404, `no such file ${path}`);
    res.writeHead(200, { ..._headers(), 'content-type': 'image/png' });
    if (method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
    return;
  }
  if ((m = RE_API_MASK.exec(path))) {
    const id = m[1];
    const sample = await _ownFile(ctx, 'samples', `${id}.png`);
    if (!sample) return _refuse(req, res, 404, `no sample "${id}" in ${join(ctx.workspace, 'samples')}`);
    const size = await _pngSize(sample);
    if (!size) throw new AnnotatorError(`${sample} is not a PNG`, 500);
    if (isGet) {
      const file = await _ownFile(ctx, 'masks', `${id}.png`);
      if (!file) return _json(res, 404, { error: `no mask yet for sample "${id}"` });
      // The stored mask's size is checked on its header, before decoding (409: the workspace disagrees with itself).
      const mask = await readMaskPng(file, size).catch((e: unknown) => {
        throw e instanceof AnnotatorError && / but the sample is /.test(e.message) ? new AnnotatorError(e.message, 409) : e;
      });
      if (mask.width !== size.width || mask.height !== size.height) {
        throw new AnnotatorError(`${file} is ${mask.width}x${mask.height} but its sample is ${size.width}x${size.height}`, 409);
      }
      return _sendMask(res, mask, method);
    }
    if (method !== 'PUT') return _refuse(req, res, 405, `${method} not allowed on ${path}; use GET or PUT`);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const n = size.width * size.height;
    let mask: MaskData;
    if (type === 'image/png') {
      const body = await _readBody(req, res, ctx.maxBody);
      if (!body) return;
      mask = _decodeMaskPng(body, `uploaded mask for "${id}"`, size);
    } else if (type === 'application/octet-stream') {
      const w = Number(query.get('w'));
      const h = Number(query.get('h'));
      const enc = query.get('enc') ?? 'raw';
      if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) {
        return _refuse(req, res, 400, 'octet-stream masks need ?w=<width>&h=<height> (positive integers)');
      }
      if (w !== size.width || h !== size.height) {
        return _refuse(req, res, 422, `mask for sample "${id}" is ${w}x${h} but the sample is ${size.width}x${size.height}`);
      }
      if (enc !== 'raw' && enc !== 'rle' && enc !== 'deflate') {
        return _refuse(req, res, 400, `enc=${enc} unknown; use raw, rle or deflate`);
      }
      // A raw mask is exactly w*h bytes; run-length data at most 6 bytes a pixel.
      const limit = Math.min(ctx.maxBody, enc === 'raw' ? n : enc === 'rle' ? 6 * n : n + 1024);
      const body = await _readBody(req, res, limit);
      if (!body) return;
      let data: Uint8Array;
      try {
        data = enc === 'raw' ? body : enc === 'rle' ? _decodeRle(body, n) : new Uint8Array(inflateSync(body, { maxOutputLength: n }));
      } catch (e) {
        throw new AnnotatorError(`mask for sample "${id}": cannot decode ${enc} body (${(e as Error).message})`, 400);
      }
      mask = { width: w, height: h, data };
    } else {
      return _refuse(req, res, 415, `content-type "${type}" not accepted; send image/png or application/octet-stream`);
    }
    const { classes } = await readClasses(ctx.workspace);
    validateMask(mask, { id, width: size.width, height: size.height, numClasses: classes.length });
    await writeMaskPng(join(ctx.workspace, 'masks', `${id}.png`), mask);
    return _json(res, 200, { ok: true, id, labelled: _labelledFraction(mask.data) });
  }
  if ((m = RE_API_PREDICT.exec(path))) {
    if (!isGet) return _refuse(req, res, 405, `${method} not allowed on ${path}`);
    const id = m[1];
    if (!ctx.predict) return _refuse(req, res, 404, 'no decoder for this workspace: predictions are not available');
    const sample = await _ownFile(ctx, 'samples', `${id}.png`);
    if (!sample) return _refuse(req, res, 404, `no sample "${id}"`);
    const size = await _pngSize(sample);
    const mask = await ctx.predict(id);
    const { classes } = await readClasses(ctx.workspace);
    try {
      validateMask(mask, { id, width: size?.width ?? -1, height: size?.height ?? -1, numClasses: classes.length });
    } catch (e) {
      throw new AnnotatorError(`prediction: ${(e as Error).message}`, 500);
    }
    return _sendMask(res, mask, method);
  }
  return _refuse(req, res, 404, `no such path ${path}`);
}

/** The path of `<workspace>/<dir>/<name>` when it is a regular file that really lies inside the workspace. */
async function _ownFile(ctx: _Ctx, dir: 'samples' | 'masks', name: string): Promise<string | null> {
  const file = join(ctx.workspace, dir, name);
  try {
    const real = await realpath(file);
    if (!real.startsWith(ctx.workspace + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

async function _listWorkspace(ctx: _Ctx): Promise<unknown> {
  const { classes, ignore } = await readClasses(ctx.workspace);
  const names = (await readdir(join(ctx.workspace, 'samples'))).filter((f) => new RegExp(`^${ID}\\.png$`).test(f)).sort();
  const samples = [];
  for (const f of names) {
    const id = f.slice(0, -4);
    const file = await _ownFile(ctx, 'samples', f);
    const size = file ? await _pngSize(file) : null;
    if (!size) continue;
    const maskFile = await _ownFile(ctx, 'masks', f);
    let labelled: number | null = null;
    let error: string | undefined;
    if (maskFile) {
      const st = await stat(maskFile);
      const key = `${st.mtimeMs}:${st.size}`;
      const hit = ctx.labelCache.get(id);
      if (hit && hit.key === key) labelled = hit.labelled;
      else {
        try {
          labelled = _labelledFraction((await readMaskPng(maskFile)).data);
          ctx.labelCache.set(id, { key, labelled });
        } catch (e) {
          error = (e as Error).message;
        }
      }
    }
    samples.push({ id, width: size.width, height: size.height, annotated: maskFile !== null, labelled, ...(error ? { error } : {}) });
  }
  return { classes, ignore, predict: ctx.predict !== undefined, samples };
}

function _labelledFraction(d: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < d.length; i++) if (d[i] !== IGNORE_INDEX) k++;
  return d.length ? k / d.length : 0;
}

/** Reads the body, or answers 413 and returns null when it is longer than `limit` bytes. */
async function _readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Uint8Array | null> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    _refuse(req, res, 413, `body of ${declared} bytes is over the limit of ${limit} bytes`);
    return null;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      _refuse(req, res, 413, `body is over the limit of ${limit} bytes`);
      return null;
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function _headers(): Record<string, string> {
  return {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy':
      "default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
  };
}

function _send(res: ServerResponse, status: number, type: string, body: Buffer, method = 'GET'): void {
  res.writeHead(status, { ..._headers(), 'content-type': type, 'content-length': String(body.length) });
  res.end(method === 'HEAD' ? undefined : body);
}

function _json(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  _send(res, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value)));
}

function _sendMask(res: ServerResponse, mask: MaskData, method: string): void {
  res.writeHead(200, {
    ..._headers(),
    'content-type': 'application/octet-stream',
    'content-length': String(mask.data.length),
    'x-mask-width': String(mask.width),
    'x-mask-height': String(mask.height),
  });
  res.end(method === 'HEAD' ? undefined : Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.byteLength));
}

/** Answers an error; for a request whose body is still coming, closes the connection after. */
function _refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  if (!req.complete) res.setHeader('connection', 'close');
  _json(res, status, { error: message });
  if (!req.complete) {
    res.on('finish', () => req.destroy());
  }
}
