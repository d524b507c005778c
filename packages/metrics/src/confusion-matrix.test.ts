import { describe, expect, it } from 'vitest';
import { ConfusionMatrix } from './confusion-matrix.js';
import { LabelOutOfRangeError } from './label-out-of-range-error.js';
import { LengthMismatchError } from './length-mismatch-error.js';
import { MetricsError } from './metrics-error.js';

// Hand-computed case, 3 classes, ignore 255:
//   i:     0  1  2  3  4   5    6  7
//   truth: 0  0  1  1  2 255    0  1
//   pred:  0  1  1  1  0   2  255  2
// -> counts[truth][pred] = [[1,1,0],[0,2,1],[1,0,0]], abstained = [1,0,0], ignored 1, pixels 7.
const TRUTH = Uint8Array.of(0, 0, 1, 1, 2, 255, 0, 1);
const PRED = Uint8Array.of(0, 1, 1, 1, 0, 2, 255, 2);

describe('ConfusionMatrix', () => {
  it('counts a hand-computed case with the ignore label and an abstention', () => {
    const cm = new ConfusionMatrix(3).add(PRED, TRUTH);
    expect(cm.toArray()).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 0],
    ]);
    expect(Array.from(cm.abstained)).toEqual([1, 0, 0]);
    expect(cm.ignoredPixels).toBe(1);
    expect(cm.pixels).toBe(7);
    expect(cm.get(1, 2)).toBe(1);
    expect(cm.get(2, 0)).toBe(1);
    expect(cm.counts).toBeInstanceOf(Float64Array);
    expect(cm.counts.length).toBe(9);
  });

  it('accepts number[], Int32Array with a negative ignore index, and no ignore index', () => {
    const a = new ConfusionMatrix(3).add(Array.from(PRED), Array.from(TRUTH));
    expect(a.toArray()).toEqual(new ConfusionMatrix(3).add(PRED, TRUTH).toArray());
    const b = new ConfusionMatrix(2, { ignoreIndex: -1 }).add(Int32Array.of(1, 0, 1), Int32Array.of(-1, 0, 1));
    expect(b.toArray()).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(b.ignoredPixels).toBe(1);
    const c = new ConfusionMatrix(2, { ignoreIndex: null });
    expect(() => c.add(Uint8Array.of(0), Uint8Array.of(255))).toThrow(LabelOutOfRangeError);
    c.add(Uint8Array.of(0, 1), Uint8Array.of(1, 1));
    expect(c.toArray()).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('all-ignore input counts nothing but the ignored pixels', () => {
    const cm = new ConfusionMatrix(3).add(Uint8Array.of(0, 1, 2, 255), new Uint8Array(4).fill(255));
    expect(cm.pixels).toBe(0);
    expect(cm.ignoredPixels).toBe(4);
    expect(Array.from(cm.counts).every((v) => v === 0)).toBe(true);
  });

  it('empty arrays are a no-op', () => {
    const cm = new ConfusionMatrix(2).add(new Uint8Array(0), new Uint8Array(0));
    expect(cm.pixels).toBe(0);
    expect(cm.ignoredPixels).toBe(0);
  });

  it('throws LengthMismatchError naming both lengths', () => {
    const cm = new ConfusionMatrix(3);
    let err: unknown;
    try {
      cm.add(new Uint8Array(4), new Uint8Array(6));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LengthMismatchError);
    expect(err).toBeInstanceOf(MetricsError);
    const e = err as LengthMismatchError;
    expect(e.predLength).toBe(4);
    expect(e.truthLength).toBe(6);
    expect(e.message).toMatch(/prediction has 4 elements, truth has 6/);
  });

  it('throws LabelOutOfRangeError naming input, index and value, and leaves the matrix unchanged', () => {
    const cm = new ConfusionMatrix(3).add(PRED, TRUTH);
    const before = cm.toJSON();
    const truth = Uint8Array.of(0, 1, 2, 0, 7, 1);
    const pred = Uint8Array.of(0, 1, 255, 1, 0, 1);
    let err: unknown;
    try {
      cm.add(pred, truth);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LabelOutOfRangeError);
    const e = err as LabelOutOfRangeError;
    expect([e.which, e.index, e.value, e.numClasses, e.ignoreIndex]).toEqual(['truth', 4, 7, 3, 255]);
    expect(e.key).toBe('truth[4]');
    expect(e.message).toMatch(/truth label 7 at index 4 is out of range: expected an integer in \[0, 3\) or the ignore index 255/);
    expect(cm.toJSON()).toEqual(before);

    // A bad prediction, after an abstention and an ignored pixel were seen.
    const t2 = Uint8Array.of(0, 255, 2, 1, 1);
    const p2 = Uint8Array.of(0, 9, 255, 3, 1);
    try {
      cm.add(p2, t2);
      expect.unreachable();
    } catch (x) {
      const y = x as LabelOutOfRangeError;
      expect([y.which, y.index, y.value]).toEqual(['prediction', 3, 3]);
    }
    expect(cm.toJSON()).toEqual(before);
  });

  it('rejects non-integer, NaN and negative labels in float or plain arrays', () => {
    const cm = new ConfusionMatrix(3);
    expect(() => cm.add([0, 1.5], [0, 1])).toThrow(/prediction label 1.5 at index 1/);
    expect(() => cm.add(Float32Array.of(0, 0), Float32Array.of(0, NaN))).toThrow(/truth label NaN at index 1/);
    expect(() => cm.add([0, -1], [0, 1])).toThrow(/prediction label -1 at index 1/);
    expect(() => cm.add(null as unknown as number[], [0])).toThrow(MetricsError);
    expect(cm.pixels).toBe(0);
  });

  it('rejects bad constructor arguments', () => {
    expect(() => new ConfusionMatrix(0)).toThrow(/numClasses must be an integer in \[1, 65536\], got 0/);
    expect(() => new ConfusionMatrix(2.5)).toThrow(MetricsError);
    expect(() => new ConfusionMatrix(3, { ignoreIndex: 1 })).toThrow(/ignoreIndex 1 must be an integer outside \[0, 3\)/);
    expect(() => new ConfusionMatrix(3, { ignoreIndex: 0.5 })).toThrow(MetricsError);
    expect(new ConfusionMatrix(3).ignoreIndex).toBe(255);
  });

  it('merge equals accumulating everything at once', () => {
    const n = 6;
    let s = 12345;
    const rand = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const len = 10_000;
    const truth = new Uint8Array(len);
    const pred = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const r = rand();
      truth[i] = r < 0.1 ? 255 : Math.floor(rand() * n);
      pred[i] = rand() < 0.02 ? 255 : rand() < 0.6 ? truth[i] % n : Math.floor(rand() * n);
    }
    const once = new ConfusionMatrix(n).add(pred, truth);
    const parts = [0, 1234, 5000, 5001, 9999, len];
    const merged = new ConfusionMatrix(n);
    const streamed = new ConfusionMatrix(n);
    for (let k = 0; k + 1 < parts.length; k++) {
      const a = pred.subarray(parts[k], parts[k + 1]);
      const b = truth.subarray(parts[k], parts[k + 1]);
      merged.merge(new ConfusionMatrix(n).add(a, b));
      streamed.add(a, b);
    }
    expect(merged.toJSON()).toEqual(once.toJSON());
    expect(streamed.toJSON()).toEqual(once.toJSON());
    expect(once.pixels + once.ignoredPixels).toBe(len);
    expect(() => merged.merge(new ConfusionMatrix(n + 1))).toThrow(/this matrix has 6 classes, the other has 7 classes/);
  });

  it('round-trips through JSON, and clone / reset work', () => {
    const cm = new ConfusionMatrix(3).add(PRED, TRUTH);
    const back = ConfusionMatrix.fromJSON(JSON.parse(JSON.stringify(cm)));
    expect(back.toJSON()).toEqual(cm.toJSON());
    expect(back.ignoredPixels).toBe(1);
    const c = cm.clone();
    cm.reset();
    expect(cm.pixels).toBe(0);
    expect(cm.ignoredPixels).toBe(0);
    expect(c.pixels).toBe(7);
    expect(c.ignoreIndex).toBe(255);
  });

  it('fromJSON names the bad key and the source file', () => {
    const good = new ConfusionMatrix(2).add(Uint8Array.of(0, 1), Uint8Array.of(0, 0)).toJSON();
    const bad = (patch: Record<string, unknown>): unknown => ({ ...good, ...patch });
    expect(() => ConfusionMatrix.fromJSON(bad({ format: 'x' }), 'a.json')).toThrow(/^a\.json: .*format must be/);
    expect(() => ConfusionMatrix.fromJSON(bad({ counts: [[1, 0]] }))).toThrow(/counts must be an array of 2 rows, found an array of 1/);
    try {
      ConfusionMatrix.fromJSON(bad({ counts: [[1, 0], [0, -3]] }), 'm.json');
      expect.unreachable();
    } catch (e) {
      const m = e as MetricsError;
      expect(m).toBeInstanceOf(MetricsError);
      expect([m.key, m.found, m.source]).toEqual(['counts[1][1]', '-3', 'm.json']);
    }
    expect(() => ConfusionMatrix.fromJSON(bad({ abstained: [0] }))).toThrow(/abstained must be/);
    expect(() => ConfusionMatrix.fromJSON(bad({ ignoredPixels: 0.5 }))).toThrow(/ignoredPixels/);
    expect(() => ConfusionMatrix.fromJSON(bad({ numClasses: 0 }))).toThrow(/numClasses/);
    expect(() => ConfusionMatrix.fromJSON([])).toThrow(/\(root\) must be an object/);
  });
});
