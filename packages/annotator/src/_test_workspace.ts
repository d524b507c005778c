import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Makes a workspace in a temp dir: `n` RGB samples of size x size (a gradient and a disc), classes.json. */
export async function _makeWorkspace(opts: { n?: number; size?: number; classes?: string[] } = {}): Promise<string> {
  const n = opts.n ?? 2;
  const size = opts.size ?? 64;
  const names = opts.classes ?? ['background', 'hair', 'skin'];
  const colors: [number, number, number][] = [[0, 0, 0], [255, 0, 0], [0, 160, 255], [0, 200, 0], [255, 200, 0]];
  const ws = await mkdtemp(join(tmpdir(), 'ganseg-annotator-'));
  await mkdir(join(ws, 'samples'));
  for (let k = 0; k < n; k++) {
    const png = new PNG({ width: size, height: size });
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = 4 * (y * size + x);
        const inDisc = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 3) ** 2;
        png.data[i] = inDisc ? 200 : (x * 255) / size;
        png.data[i + 1] = inDisc ? 150 : (y * 255) / size;
        png.data[i + 2] = inDisc ? 120 : 60 + 40 * k;
        png.data[i + 3] = 255;
      }
    }
    const id = String(k).padStart(6, '0');
    await writeFile(join(ws, 'samples', `${id}.png`), PNG.sync.write(png));
    await writeFile(join(ws, 'samples', `${id}.json`), JSON.stringify({ seed: k, truncation: 0.7 }));
  }
  await writeFile(
    join(ws, 'classes.json'),
    JSON.stringify({ classes: names.map((name, i) => ({ name, color: colors[i % colors.length] })), ignore: 255 }),
  );
  return ws;
}

/** One raw HTTP request (the path is sent as given, unnormalised). */
export function _rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: Uint8Array },
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(opts.body ? Buffer.from(opts.body) : undefined);
  });
}
