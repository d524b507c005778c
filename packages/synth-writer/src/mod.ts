/**
 * @module
 * Writes synthetic image + mask datasets from a generator and a decoder: deterministic,
 * resumable, sharded, mergeable.
 */

export { writeSynthDataset } from './write-synth-dataset.js';
export type { WriteSynthOptions, SynthProgress, SynthSummary } from './write-synth-dataset.js';
export { mergeDatasets } from './merge-datasets.js';
export type { MergeOptions } from './merge-datasets.js';
export { finalizeDataset, DatasetError } from './finalize-dataset.js';
export type { FinalizeResult } from './finalize-dataset.js';
export { parseShard, ShardSpecError } from './parse-shard.js';
export type { Shard } from './parse-shard.js';
export { seedsForShard } from './seeds-for-shard.js';
export { sampleId } from './sample-id.js';
export { imageUncertainty } from './image-uncertainty.js';
export type { SynthSample } from './types.js';
export { createGanRenderer } from './create-gan-renderer.js';
export type { GanRendererOptions } from './create-gan-renderer.js';
export { synthesizeDataset } from './synthesize-dataset.js';
export type { SynthesizeOptions } from './synthesize-dataset.js';
