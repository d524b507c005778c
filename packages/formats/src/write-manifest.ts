import { atomicWriteFile } from '@ganseg/io';
import type { ManifestRecord } from './dataset-info.js';

/**
 * Writes a manifest (`manifest.jsonl`, or `dropped.jsonl`) atomically: one JSON object a line,
 * each ending in a newline; an empty manifest is an empty file.
 *
 * @param file The manifest file.
 * @param records The records, in the order to write.
 * @returns The file written.
 * @example
 * ```ts
 * await writeManifest('out/cars/manifest.jsonl', [{ id: '000001', seed: 1, uncertainty: 0, pixels: [4000, 96] }]);
 * ```
 */
export async function writeManifest(file: string, records: readonly ManifestRecord[]): Promise<string> {
  await atomicWriteFile(file, records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''));
  return file;
}
