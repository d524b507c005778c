/**
 * @module
 * The embedded default domain of ganseg: a seeded procedural renderer of small street scenes
 * with cars, exact two-class and multi-class masks, the seed ranges of every experiment arm, and
 * a writer of the dataset layout.
 */

export { renderScene } from './render-scene.js';
export { SceneLayoutError } from './render-scene.js';
export type { RenderSceneOptions, RenderedScene, SceneLayout } from './render-scene.js';
export { carClasses, CarVariantError } from './car-classes.js';
export type { CarVariant } from './car-classes.js';
export { CAR_SEED_RANGES, carSeeds } from './seed-ranges.js';
export type { CarSeedRangeName, SeedRange } from './seed-ranges.js';
export { writeRealDataset } from './write-real-dataset.js';
export type { WriteRealDatasetOptions, WriteRealDatasetResult } from './write-real-dataset.js';
export { renderPreviewGrid } from './render-preview-grid.js';
export { measureGeneratorQuality } from './measure-generator-quality.js';
export type { GeneratorQuality, GeneratorQualityOptions } from './measure-generator-quality.js';
export type { PreviewGridOptions } from './render-preview-grid.js';
export { carDemoConfig } from './demo-config.js';
export type { CarDemo, CarDemoOptions } from './demo-config.js';
