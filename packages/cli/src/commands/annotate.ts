import type { CAC } from 'cac';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAnnotator, type MaskData } from '@ganseg/annotator';

interface AnnotateOptions {
  port?: number | string;
  host?: string;
  generator?: string;
  decoder?: string;
}

/**
 * `ganseg annotate <ws> [--port 0] [--host 127.0.0.1] [--generator <dir> --decoder <dir>]`: serves
 * the workspace's annotation page on the loopback interface, prints its URL, and runs until Ctrl+C.
 * With a generator and a decoder, the page offers "load prediction" as a starting mask.
 */
export function registerAnnotate(cli: CAC): void {
  cli
    .command('annotate <ws>', 'Paint masks over the samples of a workspace in a local web page (127.0.0.1 only)')
    .option('--port <port>', 'Port to listen on (0 picks a free one)', { default: 0 })
    .option('--host <host>', 'Loopback address: 127.0.0.1, localhost or ::1', { default: '127.0.0.1' })
    .option('--generator <dir>', 'Generator the samples were made with (for --decoder predictions)')
    .option('--decoder <dir>', 'Trained decoder: offers its prediction as a starting mask (needs --generator)')
    .example('ganseg annotate ws')
    .example('ganseg annotate ws --port 8080 --generator gen --decoder runs/decoder')
    .action(async (ws: string, opts: AnnotateOptions) => {
      const port = Number(opts.port ?? 0);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${opts.port}: expected an integer 0-65535`);
      if (Boolean(opts.decoder) !== Boolean(opts.generator)) {
        throw new Error('--decoder and --generator go together: predictions regenerate the features from samples/<id>.json');
      }
      const predict = opts.decoder && opts.generator ? await _decoderPredict(ws, opts.generator, opts.decoder) : undefined;
      const server = await startAnnotator({ workspace: ws, port, host: opts.host, predict });
      process.stdout.write(`${server.url}\n`);
      process.stderr.write(`annotating ${ws}${predict ? ` with predictions from ${opts.decoder}` : ''}; Ctrl+C to stop\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/**
 * A `predict(id)` for the annotator: regenerate the sample's features from `samples/<id>.json`
 * with the generator, then decode. Loaded lazily so that `ganseg annotate` without a decoder does
 * not load TensorFlow.js.
 */
async function _decoderPredict(ws: string, generatorDir: string, decoderDir: string): Promise<(id: string) => Promise<MaskData>> {
  const [{ initBackend }, stylegan, decoderPkg, tf] = await Promise.all([
    import('@ganseg/runtime'),
    import('@ganseg/stylegan'),
    import('@ganseg/decoder'),
    import('@tensorflow/tfjs-core'),
  ]);
  const dec = decoderPkg;
  await initBackend();
  const gen = await stylegan.loadGenerator(generatorDir);
  const decoder = await dec.loadDecoder(decoderDir);
  return async (id: string) => {
    const meta = JSON.parse(await readFile(join(ws, 'samples', `${id}.json`), 'utf8')) as import('@ganseg/formats').SampleMeta;
    const { image, maps } = dec.regenerateFeatures(gen, meta, decoder.spec);
    try {
      const [p] = dec.predictMask(decoder, maps);
      return _resizeNearest({ width: p.width, height: p.height, data: p.mask }, meta.width ?? p.width, meta.height ?? p.height);
    } finally {
      tf.dispose([image, ...maps]);
    }
  };
}

/** Nearest-neighbour resize of a class-index mask (a decoder may predict below the image size). */
function _resizeNearest(m: MaskData, width: number, height: number): MaskData {
  if (m.width === width && m.height === height) return m;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(m.height - 1, Math.floor(((y + 0.5) * m.height) / height));
    for (let x = 0; x < width; x++) data[y * width + x] = m.data[sy * m.width + Math.min(m.width - 1, Math.floor(((x + 0.5) * m.width) / width))];
  }
  return { width, height, data };
}
