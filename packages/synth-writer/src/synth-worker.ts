/**
 * The worker module of {@link synthesizeDataset}: each worker thread rebuilds the generator (sent
 * once by the main thread) and loads the decoder once (`init`), then renders one seed a task
 * (`handle`). Not part of the public API.
 */
import { WorkerPool } from '@ganseg/runtime';
import { loadDecoder } from '@ganseg/decoder';
import { generatorFromTransfer, type GeneratorTransfer } from '@ganseg/stylegan';
import { createGanRenderer } from './create-gan-renderer.js';
import type { SynthSample } from './types.js';

/** What each worker is started with. */
export interface _SynthWorkerInit {
  /** the generator, as stylegan ships one to a worker */
  generator: GeneratorTransfer;
  decoderDir: string;
  truncation: number;
  cutoff: number;
}

let render: ((seed: number) => Promise<SynthSample>) | null = null;

export async function init(arg: _SynthWorkerInit): Promise<void> {
  const generator = generatorFromTransfer(arg.generator);
  const decoder = await loadDecoder(arg.decoderDir);
  render = createGanRenderer({ generator, decoder, truncation: arg.truncation, cutoff: arg.cutoff });
}

export async function handle(seed: number): Promise<SynthSample> {
  if (!render) throw new Error('synth worker used before init');
  const s = await render(seed);
  return WorkerPool.transfer(s, [s.image.buffer as ArrayBuffer, s.mask.buffer as ArrayBuffer]);
}
