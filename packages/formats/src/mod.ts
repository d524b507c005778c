/**
 * @module
 * Real datasets into ganseg's dataset layout: COCO instances (polygons, RLE, crowd as ignore),
 * PASCAL VOC palette masks and plain image/mask folders, PNG or JPEG, with resizing and a seeded
 * train/test split, written atomically. No tfjs.
 */

export { importDataset } from './import-dataset.js';
export type { ImportDatasetOptions } from './import-dataset.js';
export { importCoco } from './import-coco.js';
export type { ImportCocoOptions } from './import-coco.js';
export { importVoc } from './import-voc.js';
export type { ImportVocOptions } from './import-voc.js';
export { importFolder } from './import-folder.js';
export type { ImportFolderOptions } from './import-folder.js';
export { writeDataset } from './write-dataset.js';
export type { WriteDatasetOptions, WriteDatasetResult, WrittenDataset } from './write-dataset.js';
export { splitIds } from './split-ids.js';
export { resizeImage } from './resize-image.js';
export type { Pixels } from './resize-image.js';
export { resizeMask } from './resize-mask.js';
export { ImportError } from './import-error.js';
export type { DatasetClass, ImportSample, ImportSource, LoadedSample } from './import-source.js';
