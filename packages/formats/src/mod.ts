/**
 * @module
 * ganseg's data formats, each defined once: classes (`classes.json`, one `{name, color}` type, the
 * ignore label 255), the annotation workspace (sample records, masks in every accepted format),
 * the dataset layout, and imports of real datasets into it: COCO instances (polygons, RLE, crowd as
 * ignore), PASCAL VOC palette masks and plain image/mask folders, PNG or JPEG, with resizing and a
 * seeded train/test split, written atomically. No tfjs.
 */

export type { ClassInfo, ClassesFile } from './class-info.js';
export { IGNORE_INDEX } from './ignore-index.js';
export { DEFAULT_CLASSES } from './default-classes.js';
export { makeClasses } from './make-classes.js';
export { readClasses } from './read-classes.js';
export { writeClasses } from './write-classes.js';
export { WorkspaceError } from './workspace-error.js';
export type { SampleMeta } from './sample-meta.js';
export { readSampleMeta } from './read-sample-meta.js';
export { writeSample } from './write-sample.js';
export { loadMask } from './load-mask.js';
export type { LoadMaskOptions, LoadedMask, MaskFormat } from './load-mask.js';
export { MaskError } from './mask-error.js';
export { loadAnnotations } from './load-annotations.js';
export type { AnnotatedSample, Annotations, LoadAnnotationsOptions } from './load-annotations.js';

export { importDataset } from './import-dataset.js';
export type { ImportDatasetOptions } from './import-dataset.js';
export { importCoco } from './import-coco.js';
export type { ImportCocoOptions } from './import-coco.js';
export { importVoc } from './import-voc.js';
export type { ImportVocOptions } from './import-voc.js';
export { importFolder } from './import-folder.js';
export type { ImportFolderOptions } from './import-folder.js';
export type { DatasetInfo, ManifestRecord } from './dataset-info.js';
export { readDatasetInfo } from './read-dataset-info.js';
export { writeDatasetInfo } from './write-dataset-info.js';
export { readManifest } from './read-manifest.js';
export { writeManifest } from './write-manifest.js';
export { DatasetLayoutError } from './dataset-layout-error.js';
export { paletteColor } from './palette-color.js';
export { writeDataset } from './write-dataset.js';
export type { WriteDatasetOptions, WriteDatasetResult, WrittenDataset } from './write-dataset.js';
export { splitIds } from './split-ids.js';
export { resizeImage } from './resize-image.js';
export type { Pixels } from './resize-image.js';
export { resizeMask } from './resize-mask.js';
export { ImportError } from './import-error.js';
export type { ImportSample, ImportSource, LoadedSample } from './import-source.js';
