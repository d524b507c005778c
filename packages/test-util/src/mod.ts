/**
 * @module
 * Tolerance helpers for ganseg's tests (a dev dependency only): how far apart two arrays are,
 * absolutely and relative to the reference's scale, the measure every numerical test states its
 * tolerance in; and hand-made PNG files for the images pngjs cannot write.
 */

export { maxAbsDiff } from './max-abs-diff.js';
export { maxRelDiff } from './max-rel-diff.js';
export { expectArraysClose } from './expect-arrays-close.js';
export { pngFromChunks } from './png-from-chunks.js';
