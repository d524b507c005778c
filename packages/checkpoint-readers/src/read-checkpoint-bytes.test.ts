import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { readCheckpointBytes } from './read-checkpoint-bytes.js';
import { fixture } from './_test_fixtures.js';

describe('readCheckpointBytes', () => {
  it('reads a path under its own name, passes bytes through under the given name or <bytes>', async () => {
    const r = await readCheckpointBytes(fixture('tiny-state.pth'));
    expect(r.file).toBe(fixture('tiny-state.pth'));
    expect(r.bytes[0]).toBe(0x50); // PK
    const b = Uint8Array.of(1, 2);
    expect(await readCheckpointBytes(b, 'x.pth')).toEqual({ file: 'x.pth', bytes: b });
    expect((await readCheckpointBytes(b)).file).toBe('<bytes>');
  });

  it('a missing file is an io CheckpointError naming it', async () => {
    const e = await readCheckpointBytes('/nonexistent/a.pth').catch((x) => x);
    expect(e).toBeInstanceOf(CheckpointError);
    expect(e.kind).toBe('io');
    expect(e.file).toBe('/nonexistent/a.pth');
    expect(e.message).toMatch(/^\/nonexistent\/a\.pth: cannot read/);
  });
});
