import { promises as fs } from 'node:fs';
import path from 'node:path';
import { replaceDirectory } from '@ganseg/io';
import type { DeepLab } from './deep-lab.js';
import { saveDeepLab } from './save-deeplab.js';
import { loadDeepLab } from './load-deeplab.js';

/** What a checkpoint remembers besides the weights. */
export interface _TrainState {
  /** Epochs completed. */
  epoch: number;
  /** Optimiser steps taken. */
  iteration: number;
  /** Loss of every step so far. */
  losses: number[];
  /** Mean loss of every completed epoch. */
  epochLosses: number[];
  /** The options the run started with (architecture and hyper-parameters). */
  options: Record<string, unknown>;
}

const _DIR = 'checkpoints';

/**
 * Writes `checkpoints/epoch-NNNN/` (model.json, weights.bin, optimizer.bin, state.json) into a
 * temporary folder and renames it into place: a checkpoint folder exists whole or not at all.
 * Older checkpoints but the previous one are removed.
 */
export async function _writeCheckpoint(out: string, model: DeepLab, momentum: Float32Array, state: _TrainState): Promise<void> {
  const root = path.join(out, _DIR);
  await fs.mkdir(root, { recursive: true });
  const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
  // The folder is replaced whole (an old copy is kept until the new one is in; what a killed
  // write left is repaired by the next).
  await replaceDirectory(path.join(root, name), async (tmp) => {
    await saveDeepLab(model, tmp);
    await fs.writeFile(path.join(tmp, 'optimizer.bin'), new Uint8Array(momentum.buffer, momentum.byteOffset, momentum.byteLength));
    await fs.writeFile(path.join(tmp, 'state.json'), JSON.stringify(state) + '\n');
  });
  for (const n of await fs.readdir(root)) {
    if (/^epoch-\d+$/.test(n) && n < name && Number(n.slice(6)) < state.epoch - 1) await fs.rm(path.join(root, n), { recursive: true, force: true });
  }
}

/** The newest complete checkpoint in `out`, or null. */
export async function _readCheckpoint(out: string): Promise<{ model: DeepLab; momentum: Float32Array; state: _TrainState; dir: string } | null> {
  const root = path.join(out, _DIR);
  let names: string[];
  try {
    names = (await fs.readdir(root)).filter((n) => /^epoch-\d+$/.test(n)).sort();
  } catch {
    return null;
  }
  if (names.length === 0) return null;
  const dir = path.join(root, names[names.length - 1]);
  const { model } = await loadDeepLab(dir);
  const raw = await fs.readFile(path.join(dir, 'optimizer.bin'));
  const momentum = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const state = JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')) as _TrainState;
  return { model, momentum, state, dir };
}
