// The body of the draw-prefetching worker (a @ganseg/runtime WorkerPool module): it computes the
// next steps' random draws (_drawArrays) while the main thread trains, and moves them back.
import { WorkerPool } from '@ganseg/runtime';
import { _drawArrays, type _DrawSpec, type _DrawTag } from './_step-draws.js';
import type { _Draws } from './_shard-steps.js';

let _spec: _DrawSpec | null = null;

/** Pool init: what every step's draws depend on. */
export function init(spec: _DrawSpec): void {
  _spec = spec;
}

/** Pool task: one step's draws for one network, their buffers moved to the caller. */
export function handle(task: { k: number; tag: _DrawTag }): _Draws {
  if (!_spec) throw new Error('stylegan-trainer draw worker: init was not called');
  const d = _drawArrays(_spec, task.k, task.tag);
  const buffers = [d.z, ...(d.mixZ ? [d.mixZ] : []), ...d.noise].map((a) => a.data.buffer as ArrayBuffer);
  return WorkerPool.transfer(d, buffers);
}
