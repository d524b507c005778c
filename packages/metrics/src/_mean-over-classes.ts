import type { MeanOverClasses } from './types.js';

/** Mean of the non-NaN entries, saying which were used (private helper). */
export function _meanOverClasses(values: number[]): MeanOverClasses {
  const included: number[] = [];
  const excluded: number[] = [];
  let sum = 0;
  values.forEach((v, c) => {
    if (Number.isNaN(v)) excluded.push(c);
    else {
      included.push(c);
      sum += v;
    }
  });
  return { value: included.length === 0 ? NaN : sum / included.length, included, excluded };
}
