#!/usr/bin/python3
"""NumPy reference for @ganseg/metrics.

Writes packages/metrics/fixtures/numpy-reference.json: random prediction / truth label maps for
several class counts, dtypes and ignore labels, with the confusion matrix and the metrics NumPy
computes from them. The vitest test `numpy-reference.test.ts` feeds the maps to ConfusionMatrix and
matches every figure within 1e-9.

Semantics (the same as the package's):
  - pixels whose truth is the ignore label are skipped (counted in ignoredPixels);
  - pixels whose prediction is the ignore label while the truth is a class are "abstained":
    they count towards the truth class (a miss), in no column of the matrix;
  - IoU = TP / (truth + predicted - TP), NaN when a class is absent from both;
  - mIoU = nanmean(IoU); mean class accuracy = nanmean(TP / truth).

Run: /usr/bin/python3 tools/metrics-ref/make_fixtures.py   (from the repository root; seeded)
"""
import base64
import json
import os
import sys
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'metrics',
                   'fixtures', 'numpy-reference.json')


def reference(pred, truth, n, ignore):
    pred = pred.astype(np.int64).ravel()
    truth = truth.astype(np.int64).ravel()
    valid = np.ones_like(truth, dtype=bool) if ignore is None else truth != ignore
    t = truth[valid]
    p = pred[valid]
    abst_mask = np.zeros_like(p, dtype=bool) if ignore is None else p == ignore
    assert t.min(initial=0) >= 0 and t.max(initial=0) < n
    assert p[~abst_mask].min(initial=0) >= 0 and p[~abst_mask].max(initial=0) < n
    cm = np.bincount(n * t[~abst_mask] + p[~abst_mask], minlength=n * n).reshape(n, n)
    abst = np.bincount(t[abst_mask], minlength=n)
    tp = np.diag(cm).astype(np.float64)
    truth_tot = cm.sum(axis=1) + abst
    pred_tot = cm.sum(axis=0)
    with np.errstate(divide='ignore', invalid='ignore'), warnings.catch_warnings():
        warnings.simplefilter('ignore', RuntimeWarning)
        iou = tp / (truth_tot + pred_tot - tp)
        acc = tp / truth_tot
        total = truth_tot.sum()
        pixel_acc = tp.sum() / total if total > 0 else np.nan
        miou = np.nanmean(iou)
        mca = np.nanmean(acc)
        present = truth_tot > 0
        fw = float(np.sum(truth_tot[present] / total * iou[present])) if total > 0 else np.nan
    nan_to_none = lambda v: None if np.isnan(v) else float(v)
    return {
        'counts': cm.tolist(),
        'abstained': abst.tolist(),
        'ignoredPixels': int((~valid).sum()),
        'pixels': int(total),
        'pixelAccuracy': nan_to_none(pixel_acc),
        'classIoU': [nan_to_none(v) for v in iou],
        'classAccuracy': [nan_to_none(v) for v in acc],
        'meanIoU': nan_to_none(miou),
        'meanIoUExcluded': [int(c) for c in np.flatnonzero(np.isnan(iou))],
        'meanClassAccuracy': nan_to_none(mca),
        'frequencyWeightedIoU': nan_to_none(fw),
    }


def make_case(rng, name, n, shape, dtype, ignore, p_ignore=0.1, p_abstain=0.0, p_correct=0.7,
              absent=(), pred_only=(), all_ignore=False):
    """Random truth, and a prediction that copies the truth with probability p_correct."""
    classes = np.array([c for c in range(n) if c not in absent and c not in pred_only])
    truth = rng.choice(classes, size=shape)
    pred_classes = np.array([c for c in range(n) if c not in absent])
    noise = rng.choice(pred_classes, size=shape)
    pred = np.where(rng.random(shape) < p_correct, truth, noise)
    if ignore is not None:
        truth = np.where(rng.random(shape) < p_ignore, ignore, truth)
        pred = np.where(rng.random(shape) < p_abstain, ignore, pred)
        if all_ignore:
            truth[...] = ignore
    truth = truth.astype(dtype)
    pred = pred.astype(dtype)
    enc = lambda a: base64.b64encode(np.ascontiguousarray(a, dtype=a.dtype.newbyteorder('<')).tobytes()).decode()
    return {
        'name': name,
        'numClasses': n,
        'ignoreIndex': ignore,
        'dtype': {np.uint8: 'uint8', np.int32: 'int32'}[dtype],
        'shape': list(shape),
        'pred': enc(pred),
        'truth': enc(truth),
        'expected': reference(pred, truth, n, ignore),
    }


def main():
    rng = np.random.default_rng(20261125)
    cases = [
        make_case(rng, 'binary, uint8, 10% ignore', 2, (48, 64), np.uint8, 255),
        make_case(rng, '5 classes, class 3 absent from both, 2 images', 5, (2, 40, 40), np.uint8, 255,
                  absent=(3,)),
        make_case(rng, '19 classes, class 7 only predicted, 3% abstained', 19, (60, 80), np.uint8, 255,
                  p_abstain=0.03, pred_only=(7,), p_correct=0.6),
        make_case(rng, '21 classes, int32, ignore -1', 21, (50, 50), np.int32, -1, p_ignore=0.05),
        make_case(rng, '40 classes, uint8, classes 5 and 30 absent', 40, (90, 90), np.uint8, 255,
                  absent=(5, 30), p_correct=0.5),
        make_case(rng, '4 classes, no ignore label', 4, (30, 30), np.uint8, None),
        make_case(rng, '3 classes, all ignored', 3, (8, 8), np.uint8, 255, all_ignore=True),
        make_case(rng, '1 class, uint8', 1, (10, 10), np.uint8, 255, p_abstain=0.1),
    ]
    doc = {
        'about': 'Made by tools/metrics-ref/make_fixtures.py with NumPy ' + np.__version__ +
                 '; maps are base64 little-endian, row-major. Do not edit by hand.',
        'cases': cases,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    tmp = OUT + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(doc, f, separators=(',', ':'), allow_nan=False)
        f.write('\n')
    os.replace(tmp, OUT)
    print(f'wrote {os.path.relpath(OUT)} ({os.path.getsize(OUT)} bytes, {len(cases)} cases)', file=sys.stderr)


if __name__ == '__main__':
    main()
