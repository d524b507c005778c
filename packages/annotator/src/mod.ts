/**
 * @module
 * A local web page to paint segmentation masks over generated images: `startAnnotator` serves a
 * workspace (`samples/<id>.png`, `classes.json`) on 127.0.0.1 and writes `masks/<id>.png`
 * (8-bit class index, 255 = ignore).
 */

export { startAnnotator } from './start-annotator.js';
export type { Annotator, AnnotatorOptions, MaskData } from './start-annotator.js';
export { AnnotatorError } from './annotator-error.js';
export { readMaskPng } from './read-mask-png.js';
export { writeMaskPng } from './write-mask-png.js';
export { validateMask } from './validate-mask.js';
