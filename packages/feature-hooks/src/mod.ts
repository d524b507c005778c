/**
 * @module
 * Which StyleGAN activations feed the decoder, how they are resized and stored, and what memory they need.
 */

export type { FeatureGenerator } from './feature-generator.js';
export type { FeatureSpec, ResolvedFeatureSpec } from './feature-spec.js';
export { FeatureSpecError } from './feature-spec-error.js';
export { resolveFeatureSpec } from './resolve-feature-spec.js';
export { estimateFeatureMemory } from './estimate-feature-memory.js';
export type { FeatureMemoryEstimate } from './estimate-feature-memory.js';
export { captureFeatures } from './capture-features.js';
export type { CaptureOptions, CapturedFeatures } from './capture-features.js';
export { FeatureStore } from './feature-store.js';
export type { FeatureStoreOptions, StoredMap } from './feature-store.js';
