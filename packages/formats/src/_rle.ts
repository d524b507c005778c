/**
 * COCO run-length masks (private helpers). Runs are column-major (down each column, then to the
 * next), starting with a run of zeros; compressed counts are pycocotools' `rleToString` text: each
 * count is the difference from the count two runs back (from the third on), in 5-bit groups, low
 * first, each char `48 + group` with 0x20 set while more groups follow, 0x10 of the last its sign.
 */

/** Decodes pycocotools' compressed counts; throws a plain Error (the caller names the file). */
export function _rleFromString(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) throw new Error('compressed RLE counts end inside a number');
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) throw new Error(`compressed RLE counts hold ${JSON.stringify(s[p])} at ${p}; expected chars 0 to o`);
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (k > 7) throw new Error(`compressed RLE count at ${p} is longer than 7 chars`);
      if (!more && c & 0x10) x -= 2 ** (5 * k);
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    counts.push(x);
  }
  return counts;
}

/**
 * Sets `out[y * width + x] = 1` where the RLE is 1; throws a plain Error when the runs do not
 * cover exactly `width * height` pixels or a run is negative.
 */
export function _rleFill(counts: readonly number[], width: number, height: number, out: Uint8Array): void {
  const n = width * height;
  let pos = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isInteger(c) || c < 0) throw new Error(`RLE run ${i} is ${c}; expected an integer >= 0`);
    if (pos + c > n) throw new Error(`RLE runs cover more than the ${width}x${height} = ${n} pixels of the image`);
    if (i % 2 === 1) {
      for (let j = pos; j < pos + c; j++) {
        const x = Math.floor(j / height);
        const y = j - x * height;
        out[y * width + x] = 1;
      }
    }
    pos += c;
  }
  if (pos !== n) throw new Error(`RLE runs cover ${pos} pixels; the ${width}x${height} image has ${n}`);
}
