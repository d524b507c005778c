#!/usr/bin/python3
"""Reference for @ganseg/metrics' backgroundSkippedIoU: the paper's IoU as its code computes it.

The authors' SegMetric (GAN-segmentation, metrics.py, skip_bg=True) accumulates, over every image
of the test set, for each class c >= 1 the true positives, false positives and false negatives
among pixels whose label is not the ignore label; IoU_c = tp / (tp + fp + fn); the mean is taken
over the classes that occur in the labels or the predictions of the set (background skipped).
This script re-implements that loop with NumPy, image by image, on seeded random sets, and writes
packages/metrics/fixtures/paper-iou.json (labels and predictions as base64 uint8, ignore 255).

Run: /usr/bin/python3 tools/metrics-ref/make_paper_iou.py
"""
import base64
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'metrics', 'fixtures', 'paper-iou.json')


def paper_metric(labels, preds, num_classes, ignore=255):
    sum_tp = np.zeros(num_classes - 1, dtype=np.int64)
    sum_fp = np.zeros(num_classes - 1, dtype=np.int64)
    sum_fn = np.zeros(num_classes - 1, dtype=np.int64)
    sum_num = np.zeros(num_classes - 1, dtype=np.int64)
    corr = 0
    inst = 0
    for label, pred in zip(labels, preds):
        keep = label != ignore
        label = label[keep].astype(np.int32)
        pred = pred[keep].astype(np.int32)
        corr += int((label == pred).sum())
        inst += label.size
        for i in range(num_classes - 1):
            c = i + 1
            mc = pred == c
            mg = label == c
            sum_tp[i] += np.count_nonzero(mc & mg)
            sum_fp[i] += np.count_nonzero(mc & ~mg)
            sum_fn[i] += np.count_nonzero(~mc & mg)
            sum_num[i] += np.count_nonzero(mg) + np.count_nonzero(mc)
    ious = []
    per = []
    for i in range(num_classes - 1):
        d = sum_tp[i] + sum_fp[i] + sum_fn[i]
        iou = float(sum_tp[i]) / d if d > 0 else 0.0
        per.append(iou if sum_num[i] > 0 else None)
        if sum_num[i] > 0:
            ious.append(iou)
    return {
        'paperIoU': float(np.mean(ious)) if ious else None,
        'foregroundIoU': per,
        'pixelAccuracy': corr / inst if inst else None,
    }


def main():
    rng = np.random.default_rng(20)
    cases = []
    specs = [('two classes, three images', 2, 3, 0.7), ('five classes, one absent', 5, 4, 0.5),
             ('background only in truth', 3, 2, 0.9), ('nine classes', 9, 5, 0.6)]
    for name, n, images, keep in specs:
        labels = []
        preds = []
        for _ in range(images):
            h, w = rng.integers(3, 12, size=2)
            top = n - 1 if name != 'five classes, one absent' else n - 2
            lab = rng.integers(0, top + 1, size=(h, w)).astype(np.uint8)
            if name == 'background only in truth':
                lab[:] = 0
            lab[rng.random((h, w)) < 0.1] = 255
            pred = np.where(rng.random((h, w)) < keep, lab, rng.integers(0, top + 1, size=(h, w))).astype(np.uint8)
            pred[lab == 255] = rng.integers(0, top + 1, size=int((lab == 255).sum()))
            labels.append(lab)
            preds.append(pred)
        exp = paper_metric(labels, preds, n)
        cases.append({
            'name': name, 'numClasses': n,
            'images': [{'shape': [int(l.shape[0]), int(l.shape[1])], 'truth': base64.b64encode(l.tobytes()).decode(),
                        'pred': base64.b64encode(p.tobytes()).decode()} for l, p in zip(labels, preds)],
            'expected': exp,
        })
    with open(OUT, 'w') as f:
        json.dump({'source': 'tools/metrics-ref/make_paper_iou.py', 'cases': cases}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
