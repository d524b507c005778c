#!/usr/bin/env python3
"""PyTorch CPU twin of @ganseg/deeplab for tools/bench/src/deeplab.bench.ts.

Usage: deeplab_step.py '<json case>' [--threads N]
A case: {"name", "backbone": "resnet50", "width": 1, "os": 16, "batch": 4, "size": 256,
         "classes": 21, "mode": "train" | "forward", "iters": 3}
The network is the same DeepLabV3+ as the TypeScript one (torchvision ResNet with
replace_stride_with_dilation, ASPP 1x1 + three atrous 3x3 + image pooling, projection, decoder with
48-channel low-level features and two 3x3 convs, bilinear align_corners=True), the train step the
same SGD (momentum 0.9, weight decay 1e-4) on cross-entropy with ignore_index 255.
Prints one JSON line: {"name", "backend": "torch-cpu", "threads", "median_ms", "median_cpu_ms", "images_per_s", "torch"}
(median_cpu_ms: process CPU time, less sensitive to other load on a shared machine).
Timing: one warm-up step, then the median of `iters` steps.
"""
import json
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import Bottleneck

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'deeplab-ref'))
from make_fixtures import DilatedBasicBlock, NarrowResNet, ch  # noqa: E402

LAYOUT = {'resnet18': (DilatedBasicBlock, [2, 2, 2, 2]), 'resnet34': (DilatedBasicBlock, [3, 4, 6, 3]),
          'resnet50': (Bottleneck, [3, 4, 6, 3]), 'resnet101': (Bottleneck, [3, 4, 23, 3])}


def cbr(i, o, k=1, d=1):
    return nn.Sequential(nn.Conv2d(i, o, k, padding=d * (k - 1) // 2, dilation=d, bias=False), nn.BatchNorm2d(o), nn.ReLU(inplace=True))


class DeepLabV3Plus(nn.Module):
    def __init__(self, backbone, width, output_stride, classes):
        super().__init__()
        block, layers = LAYOUT[backbone]
        dilate = [False, False, True] if output_stride == 16 else [False, True, True]
        self.backbone = NarrowResNet(block, layers, width, dilate)
        del self.backbone.fc
        high = ch(512, width) * block.expansion
        low = ch(64, width) * block.expansion
        a = ch(256, width)
        rates = [6, 12, 18] if output_stride == 16 else [12, 24, 36]
        self.aspp = nn.ModuleList([cbr(high, a)] + [cbr(high, a, 3, r) for r in rates])
        self.pool = cbr(high, a)
        self.project = cbr(5 * a, a)
        self.reduce = cbr(low, ch(48, width))
        self.conv1 = cbr(a + ch(48, width), a, 3)
        self.conv2 = cbr(a, a, 3)
        self.classifier = nn.Conv2d(a, classes, 1)

    def forward(self, x):
        b = self.backbone
        y = b.maxpool(b.relu(b.bn1(b.conv1(x))))
        l1 = b.layer1(y)
        h = b.layer4(b.layer3(b.layer2(l1)))
        branches = [m(h) for m in self.aspp]
        p = self.pool(h.mean((2, 3), keepdim=True)).expand(-1, -1, h.shape[2], h.shape[3])
        a = self.project(torch.cat(branches + [p], 1))
        low = self.reduce(l1)
        a = F.interpolate(a, size=low.shape[2:], mode='bilinear', align_corners=True)
        y = self.classifier(self.conv2(self.conv1(torch.cat([a, low], 1))))
        return F.interpolate(y, size=x.shape[2:], mode='bilinear', align_corners=True)


def main():
    c = json.loads(sys.argv[1])
    threads = int(sys.argv[sys.argv.index('--threads') + 1]) if '--threads' in sys.argv else 1
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = DeepLabV3Plus(c['backbone'], c.get('width', 1), c.get('os', 16), c.get('classes', 21))
    n, s = c['batch'], c['size']
    x = torch.randn(n, 3, s, s)
    y = torch.randint(0, c.get('classes', 21), (n, s, s))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=1e-4)
    if c.get('mode', 'train') == 'train':
        model.train()

        def step():
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y, ignore_index=255)
            loss.backward()
            opt.step()
    else:
        model.eval()

        def step():
            with torch.no_grad():
                model(x)
    ts, cpu = [], []
    for i in range(c.get('iters', 3) + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        step()
        if i > 0:
            ts.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    ms = statistics.median(ts)
    print(json.dumps({'name': c['name'], 'backend': 'torch-cpu', 'threads': threads, 'median_ms': round(ms, 2),
                      'median_cpu_ms': round(statistics.median(cpu), 2), 'images_per_s': round(1000 * n / ms, 3),
                      'torch': torch.__version__}), flush=True)


if __name__ == '__main__':
    main()
