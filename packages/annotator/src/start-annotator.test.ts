import { mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _encodeRle } from './_rle.js';
import { _makeWorkspace, _rawRequest } from './_test_workspace.js';
import { AnnotatorError } from './annotator-error.js';
import { readMaskPng } from './read-mask-png.js';
import { type Annotator, startAnnotator } from './start-annotator.js';

let ws: string;
let srv: Annotator;
const get = (path: string, headers?: Record<string, string>) => _rawRequest(srv.port, { path, headers });
/** A PUT of `body` as `type` to `path`, with any further `headers`. */
const putMask = (path: string, type: string, body: Uint8Array, headers?: Record<string, string>) =>
  _rawRequest(srv.port, { method: 'PUT', path, headers: { 'content-type': type, ...headers }, body });
const errorOf = (r: { body: Buffer }) => (JSON.parse(r.body.toString()) as { error: string }).error;

beforeAll(async () => {
  ws = await _makeWorkspace({ n: 2, size: 64 });
  await writeFile(join(tmpdir(), 'ganseg-outside-secret.png'), 'secret');
  await symlink(join(tmpdir(), 'ganseg-outside-secret.png'), join(ws, 'samples', 'escape.png'));
  srv = await startAnnotator({
    workspace: ws,
    maxBodyBytes: 100_000,
    predict: async () => ({ width: 64, height: 64, data: new Uint8Array(64 * 64).fill(1) }),
  });
});
afterAll(async () => {
  await srv.close();
  await rm(ws, { recursive: true, force: true });
});

describe('startAnnotator serves the workspace', () => {
  it('refuses an uploaded PNG claiming 30000x30000 on its header, and a broken zlib stream, writing nothing', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    for (const [name, re] of [['huge-claim.png', /is 30000x30000 but the sample is 64x64/], ['broken-zlib.png', /is 8x6 but the sample is 64x64/]] as const) {
      const body = await readFile(join(here, '..', 'fixtures', 'hostile', name));
      const rss0 = process.resourceUsage().maxRSS * 1024;
      const t0 = performance.now();
      const r = await putMask('/api/masks/000001', 'image/png', body);
      expect(performance.now() - t0).toBeLessThan(1000);
      expect(process.resourceUsage().maxRSS * 1024 - rss0).toBeLessThan(300 * 1024 * 1024);
      expect(r.status).toBe(422);
      expect(r.body.toString()).toMatch(re);
      await expect(stat(join(ws, 'masks', '000001.png'))).rejects.toThrow();
    }
  });

  it('binds 127.0.0.1 and serves the page, its script and the workspace listing', async () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/`);
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('/app/_client.js');
    const js = await get('/app/_client.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/text\/javascript/);
    expect(js.body.toString()).toContain("from './_raster.js'");
    const list = JSON.parse((await get('/api/workspace')).body.toString());
    expect(list.classes.map((c: { name: string }) => c.name)).toEqual(['background', 'hair', 'skin']);
    expect(list.predict).toBe(true);
    expect(list.samples.map((s: { id: string }) => s.id)).toEqual(['000000', '000001']);
    expect(list.samples[0]).toMatchObject({ width: 64, height: 64, annotated: false, labelled: null });
    const png = await get('/samples/000000.png');
    expect(png.status).toBe(200);
    expect(PNG.sync.read(png.body).width).toBe(64);
  });

  it('accepts a valid raw, run-length and PNG mask and writes an 8-bit grey class-index PNG', async () => {
    const data = new Uint8Array(64 * 64).fill(255);
    data.fill(2, 0, 64);
    data[64 * 10 + 5] = 1;
    const put = (body: Uint8Array, query: string, type = 'application/octet-stream') =>
      putMask(`/api/masks/000000${query}`, type, body);
    for (const [body, q] of [[data, '?w=64&h=64&enc=raw'], [_encodeRle(data), '?w=64&h=64&enc=rle']] as const) {
      await rm(join(ws, 'masks'), { recursive: true, force: true });
      const r = await put(body, q);
      expect(r.status, r.body.toString()).toBe(200);
      const file = await readFile(join(ws, 'masks', '000000.png'));
      expect(file[25]).toBe(0); // IHDR colour type 0 (grey)
      expect(file[24]).toBe(8); // bit depth 8
      expect(Array.from((await readMaskPng(join(ws, 'masks', '000000.png'))).data)).toEqual(Array.from(data));
    }
    const png = new PNG({ width: 64, height: 64, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
    png.data = Buffer.from(data.map((v) => (v === 2 ? 0 : v)));
    const r = await put(PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false }), '', 'image/png');
    expect(r.status, r.body.toString()).toBe(200);
    expect((await readMaskPng(join(ws, 'masks', '000000.png'))).data[0]).toBe(0);
    const back = await get('/api/masks/000000');
    expect(back.headers['x-mask-width']).toBe('64');
    expect(back.body[64 * 10 + 5]).toBe(1);
    const list = JSON.parse((await get('/api/workspace')).body.toString());
    expect(list.samples[0]).toMatchObject({ annotated: true, labelled: 65 / 4096 });
    const left = (await import('node:fs/promises')).readdir(join(ws, 'masks'));
    expect(await left).toEqual(['000000.png']); // no temp files left behind
  });

  it('serves predictions when a predict callback is given', async () => {
    const r = await get('/api/predict/000001');
    expect(r.status).toBe(200);
    expect(r.body.length).toBe(4096);
    expect(r.body.every((v) => v === 1)).toBe(true);
  });
});

describe('startAnnotator refuses', () => {
  it.each([
    '/../classes.json',
    '/samples/../classes.json',
    '/samples/..%2f..%2fetc%2fpasswd',
    '/samples/%2e%2e/classes.json',
    '/samples/%2E%2E%2Fclasses.json',
    '/samples/000000.png%00',
    '/samples\\..\\classes.json',
    '//etc/passwd',
    'http://evil.example/samples/000000.png',
    '*',
  ])('path traversal or odd form %s with 400', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(errorOf(r)).toMatch(/refused/);
  });

  it.each(['/etc/passwd', '/classes.json', '/samples/000000.json', '/masks/000001.png', '/app/start-annotator.js', '/samples/nope.png'])(
    'files outside the served set (%s) with 404',
    async (path) => {
      expect((await get(path)).status).toBe(404);
    },
  );

  it('a sample that is a symlink out of the workspace', async () => {
    expect((await get('/samples/escape.png')).status).toBe(404);
    const list = JSON.parse((await get('/api/workspace')).body.toString());
    expect(list.samples.map((s: { id: string }) => s.id)).not.toContain('escape');
  });

  it.each(['evil.example', `evil.example:${0}`, 'localhost.evil.example', '127.0.0.1:1'])('Host header "%s" (DNS rebinding) with 403', async (host) => {
    const r = await get('/api/workspace', { host: host.replace(':0', `:${srv.port}`) });
    expect(r.status).toBe(403);
    expect(errorOf(r)).toMatch(/Host/);
  });

  it('accepts localhost:<port> as Host', async () => {
    expect((await get('/api/workspace', { host: `localhost:${srv.port}` })).status).toBe(200);
  });

  it('a request with no Host header at all', async () => {
    const text = await new Promise<string>((ok) => {
      const sock = connect(srv.port, '127.0.0.1', () => sock.write('GET /api/workspace HTTP/1.0\r\n\r\n'));
      let buf = '';
      sock.on('data', (d) => (buf += d.toString()));
      sock.on('end', () => ok(buf));
    });
    expect(text).toMatch(/^HTTP\/1\.[01] 403/);
  });

  it('cross-origin writes with 403 and leaves the mask alone', async () => {
    const before = await stat(join(ws, 'masks', '000000.png'));
    for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const r = await putMask('/api/masks/000000?w=64&h=64&enc=raw', 'application/octet-stream', new Uint8Array(4096), headers);
      expect(r.status).toBe(403);
    }
    expect((await stat(join(ws, 'masks', '000000.png'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('oversized bodies with 413 (declared and streamed)', async () => {
    const big = await putMask('/api/masks/000001', 'image/png', new Uint8Array(200_000));
    expect(big.status).toBe(413);
    expect(errorOf(big)).toMatch(/over the limit/);
    const raw = await putMask('/api/masks/000001?w=64&h=64&enc=raw', 'application/octet-stream', new Uint8Array(4097));
    expect(raw.status).toBe(413);
    const streamed = await putMask('/api/masks/000001?w=64&h=64&enc=raw', 'application/octet-stream', new Uint8Array(50_000), { 'transfer-encoding': 'chunked' });
    expect(streamed.status).toBe(413);
    await expect(stat(join(ws, 'masks', '000001.png'))).rejects.toThrow();
  });

  it('a mask of the wrong size with 422 and a message naming both sizes', async () => {
    const r = await putMask('/api/masks/000001?w=32&h=32&enc=raw', 'application/octet-stream', new Uint8Array(32 * 32));
    expect(r.status).toBe(422);
    expect(errorOf(r)).toBe('mask for sample "000001" is 32x32 but the sample is 64x64');
    const png = new PNG({ width: 32, height: 64, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
    png.data = Buffer.alloc(32 * 64);
    const r2 = await putMask('/api/masks/000001', 'image/png', PNG.sync.write(png, { colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false }));
    expect(r2.status).toBe(422);
    expect(errorOf(r2)).toMatch(/32x64 but the sample is 64x64/);
  });

  it('class ids beyond classes.json (other than 255) with 422 naming the pixel', async () => {
    const data = new Uint8Array(64 * 64).fill(255);
    data[64 * 7 + 9] = 3;
    const r = await putMask('/api/masks/000001?w=64&h=64&enc=rle', 'application/octet-stream', _encodeRle(data));
    expect(r.status).toBe(422);
    expect(errorOf(r)).toBe(
      'mask for sample "000001": class id 3 at pixel (x=9, y=7) is beyond classes.json (3 classes: ids 0-2, and 255 = ignore)',
    );
    await expect(stat(join(ws, 'masks', '000001.png'))).rejects.toThrow();
  });

  it('an RGB PNG upload, malformed run-length data, unknown encodings and content types', async () => {
    const rgb = new PNG({ width: 64, height: 64 });
    const r = await putMask('/api/masks/000001', 'image/png', PNG.sync.write(rgb));
    expect(r.status).toBe(422);
    expect(errorOf(r)).toMatch(/colour type 6.*expected a class-index mask/);
    const put = (q: string, type: string, body: Uint8Array) =>
      putMask(`/api/masks/000001${q}`, type, body);
    expect((await put('?w=64&h=64&enc=rle', 'application/octet-stream', new Uint8Array([1, 0x80]))).status).toBe(400);
    expect((await put('?w=64&h=64&enc=rle', 'application/octet-stream', _encodeRle(new Uint8Array(100)))).status).toBe(400);
    expect((await put('?w=64&h=64&enc=gzip', 'application/octet-stream', new Uint8Array(4)))).toMatchObject({ status: 400 });
    expect((await put('', 'application/octet-stream', new Uint8Array(4)))).toMatchObject({ status: 400 });
    expect((await put('?w=64&h=64', 'text/plain', new Uint8Array(4)))).toMatchObject({ status: 415 });
    expect((await put('?w=64&h=64', 'application/octet-stream', new Uint8Array(4096)))).toMatchObject({ status: 200 });
    await rm(join(ws, 'masks', '000001.png'));
  });

  it('masks for samples that do not exist, and other methods', async () => {
    const r = await putMask('/api/masks/nope?w=64&h=64', 'application/octet-stream', new Uint8Array(4096));
    expect(r.status).toBe(404);
    await expect(stat(join(ws, 'masks', 'nope.png'))).rejects.toThrow();
    expect((await _rawRequest(srv.port, { method: 'DELETE', path: '/api/masks/000000' })).status).toBe(405);
    expect((await _rawRequest(srv.port, { method: 'PUT', path: '/samples/000000.png', body: new Uint8Array(1) })).status).toBe(405);
  });

  it('a host that is not loopback, a workspace without samples or classes.json', async () => {
    await expect(startAnnotator({ workspace: ws, host: '0.0.0.0' })).rejects.toThrow(/not a loopback address/);
    const empty = join(ws, 'empty-ws');
    await mkdir(empty);
    await expect(startAnnotator({ workspace: empty })).rejects.toThrow(AnnotatorError);
    await mkdir(join(empty, 'samples'));
    await expect(startAnnotator({ workspace: empty })).rejects.toThrow(/classes\.json is missing/);
  });
});
