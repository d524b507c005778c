/**
 * @module
 * Writes synthetic image + mask datasets from a generator and a decoder: deterministic, resumable, sharded.
 */

export {};
