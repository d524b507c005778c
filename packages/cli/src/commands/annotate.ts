import type { CAC } from 'cac';
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
  const [{ initBackend }, stylegan, decoderPkg, formats] = await Promise.all([
    import('@ganseg/runtime'),
    import('@ganseg/stylegan'),
    import('@ganseg/decoder'),
    import('@ganseg/formats'),
  ]);
  const dec = decoderPkg;
  await initBackend();
  const gen = await stylegan.loadGenerator(generatorDir);
  const decoder = await dec.loadDecoder(decoderDir);
  return async (id: string) => {
    const meta = await formats.readSampleMeta(ws, id);
    const r = dec.renderSample(gen, decoder, meta);
    return { width: r.width, height: r.height, data: r.mask };
  };
}

