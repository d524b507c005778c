import path from 'node:path';
import { atomicWriteFile, encodePng } from '@ganseg/io';
import type { SampleMeta } from './sample-meta.js';

/**
 * Writes one sample of a workspace atomically: `samples/<id>.png` (8-bit RGB) and then
 * `samples/<id>.json` (its record), so a record never exists without its image.
 *
 * @param workspace The workspace folder (its `samples/` must exist).
 * @param meta The sample record (`meta.id` names the files; `meta.width` x `meta.height` the image).
 * @param rgb RGB bytes, `width * height * 3`.
 * @example
 * ```ts
 * await writeSample('ws', meta, rgb);
 * ```
 */
export async function writeSample(workspace: string, meta: SampleMeta, rgb: Uint8Array): Promise<void> {
  const sdir = path.join(workspace, 'samples');
  await atomicWriteFile(path.join(sdir, `${meta.id}.png`), encodePng({ data: rgb, width: meta.width, height: meta.height, channels: 3 }));
  await atomicWriteFile(path.join(sdir, `${meta.id}.json`), JSON.stringify(meta) + '\n');
}
