/**
 * @module
 * The mechanics shared by the ganseg packages: atomic writes (a temporary name in the same
 * folder, then a rename), whole-folder replacement that survives a kill (and its repair), the one
 * weights-folder reader/writer (a tf.io handler), the one weights hash, 8-bit PNG encoding and
 * decoding with deterministic bytes, PNG reading bounded by the header (samples as stored, class
 * masks), one decoder for PNG or JPEG told apart by their first bytes, and the one strict weight
 * check with its error.
 */

export { atomicWriteFile } from './atomic-write-file.js';
export { removeStaleTemps } from './remove-stale-temps.js';
export { replaceDirectory } from './replace-directory.js';
export type { ReplaceDirectoryOptions } from './replace-directory.js';
export { recoverDirectory } from './recover-directory.js';
export { pathExists } from './path-exists.js';
export { encodePng } from './encode-png.js';
export type { PngPixels } from './encode-png.js';
export { decodePng } from './decode-png.js';
export type { DecodePngOptions, DecodedPng } from './decode-png.js';
export { readPngHeader } from './read-png-header.js';
export type { PngHeader } from './read-png-header.js';
export { decodePngSamples } from './decode-png-samples.js';
export type { DecodePngSamplesOptions, PngSamples } from './decode-png-samples.js';
export { decodeClassMask } from './decode-class-mask.js';
export type { ClassMaskFormat, ClassMask, DecodeClassMaskOptions } from './decode-class-mask.js';
export { PngError } from './png-error.js';
export type { PngErrorDetails } from './png-error.js';
export { decodeImage } from './decode-image.js';
export type { DecodeImageOptions, DecodedImage } from './decode-image.js';
export { ImageError } from './image-error.js';
export type { ImageErrorDetails } from './image-error.js';
export type { NamedWeight } from './named-weight.js';
export { weightsFolderHandler } from './weights-folder-handler.js';
export type { WeightsFolderOptions } from './weights-folder-handler.js';
export { writeWeightsFolder } from './write-weights-folder.js';
export { readWeightsFolder } from './read-weights-folder.js';
export { WeightsFolderError } from './weights-folder-error.js';
export { hashWeights } from './hash-weights.js';
export { hashWeightsFolder } from './hash-weights-folder.js';
export { checkWeights } from './check-weights.js';
export type { CheckWeightsOptions, ExpectedWeight, FoundWeight } from './check-weights.js';
export { WeightsMismatchError } from './weights-mismatch-error.js';
export type { MisshapedWeight, WeightsProblems } from './weights-mismatch-error.js';
