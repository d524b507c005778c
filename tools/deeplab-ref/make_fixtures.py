#!/usr/bin/python3
"""Fixtures for @ganseg/deeplab's backbone parity tests (run with Debian's python3-torch).

Writes into packages/deeplab/fixtures/:
  <name>.pth            a random narrow ResNet's state dict (torch.save zip, torchvision names)
  <name>.state.json/.bin the same state dict raw (names, shapes, offsets; float32 little-endian)
  <name>.expected.json/.bin  a fixed input and the four stage outputs (NHWC, computed in float64, stored as float32), eval mode
  resnet50-names.json   names and shapes of a real-size torchvision resnet50 (no weights)

The narrow ResNets use torchvision's Bottleneck and its _make_layer logic with every width scaled by
max(1, round(c * width)); BasicBlock gets dilation on both 3x3 convs (torchvision refuses dilation
in BasicBlock; DeepLab's ResNet-18/34 at output stride 16 needs it). Rerun: /usr/bin/python3
tools/deeplab-ref/make_fixtures.py
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torchvision
from torchvision.models.resnet import Bottleneck, conv1x1

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'deeplab', 'fixtures')


def ch(c, w):
    return max(1, int(round(c * w)))


class DilatedBasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64, dilation=1, norm_layer=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, padding=dilation, dilation=dilation, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, padding=dilation, dilation=dilation, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        return self.relu(out + identity)


class NarrowResNet(nn.Module):
    """torchvision.models.ResNet with scaled widths (same names, same _make_layer)."""

    def __init__(self, block, layers, width, dilate, num_classes=10):
        super().__init__()
        self.inplanes = ch(64, width)
        self.dilation = 1
        self.groups = 1
        self.base_width = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = self._make_layer(block, ch(64, width), layers[0])
        self.layer2 = self._make_layer(block, ch(128, width), layers[1], 2, dilate[0])
        self.layer3 = self._make_layer(block, ch(256, width), layers[2], 2, dilate[1])
        self.layer4 = self._make_layer(block, ch(512, width), layers[3], 2, dilate[2])
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(ch(512, width) * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1, dilate=False):
        # torchvision 0.14 ResNet._make_layer, verbatim but for the norm layer argument.
        downsample = None
        previous_dilation = self.dilation
        if dilate:
            self.dilation *= stride
            stride = 1
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(conv1x1(self.inplanes, planes * block.expansion, stride), nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample, self.groups, self.base_width, previous_dilation, nn.BatchNorm2d)]
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes, groups=self.groups, base_width=self.base_width, dilation=self.dilation, norm_layer=nn.BatchNorm2d))
        return nn.Sequential(*layers)

    def stages(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        outs = []
        for layer in (self.layer1, self.layer2, self.layer3, self.layer4):
            x = layer(x)
            outs.append(x)
        return outs


def randomize(model, gen):
    with torch.no_grad():
        for name, t in model.state_dict().items():
            if name.endswith('num_batches_tracked'):
                t.fill_(7)
            elif name.endswith('running_mean') or (name.endswith('bias') and 'bn' in name or 'downsample.1.bias' in name):
                t.copy_(torch.randn(t.shape, generator=gen) * 0.1)
            elif name.endswith('running_var') or name.endswith('.weight') and t.dim() == 1:
                t.copy_(torch.rand(t.shape, generator=gen) + 0.5)
            elif t.dim() == 4:
                fan_out = t.shape[0] * t.shape[2] * t.shape[3]
                t.copy_(torch.randn(t.shape, generator=gen) * (2.0 / fan_out) ** 0.5)
            else:
                t.copy_(torch.randn(t.shape, generator=gen) * 0.01)


def calibrate(model, gen, input_shape):
    """Sets the running statistics to the statistics of random inputs (cumulative average), so that
    eval-mode activations stay O(1) through the depth and 1e-4 is a meaningful tolerance."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(4):
            model.stages(torch.randn((4,) + tuple(input_shape[1:]), generator=gen))


def write_raw(prefix, entries):
    """entries: list of (name, float32 numpy array); writes prefix.json (names, shapes, offsets) + prefix.bin."""
    meta, off = [], 0
    with open(prefix + '.bin', 'wb') as f:
        for name, a in entries:
            a = np.ascontiguousarray(a, dtype='<f4')
            f.write(a.tobytes())
            meta.append({'name': name, 'shape': list(a.shape), 'offset': off})
            off += a.size
    with open(prefix + '.json', 'w') as f:
        json.dump(meta, f, indent=1)


def make(name, block, layers, width, output_stride, input_shape, seed):
    gen = torch.Generator().manual_seed(seed)
    dilate = [False, False, True] if output_stride == 16 else [False, True, True]
    model = NarrowResNet(block, layers, width, dilate)
    randomize(model, gen)
    calibrate(model, gen, input_shape)
    model.eval()
    sd = model.state_dict()
    torch.save(sd, os.path.join(OUT, name + '.pth'))
    write_raw(os.path.join(OUT, name + '.state'), [(k, v.float().numpy()) for k, v in sd.items()])
    x = torch.randn(input_shape, generator=gen)
    with torch.no_grad():
        # The reference is computed in float64, so the only float32 rounding compared is ours.
        outs = [o.float() for o in model.double().stages(x.double())]
    write_raw(os.path.join(OUT, name + '.expected'),
              [('input', x.permute(0, 2, 3, 1).numpy())] + [(f'layer{i + 1}', o.permute(0, 2, 3, 1).numpy()) for i, o in enumerate(outs)])
    with open(os.path.join(OUT, name + '.config.json'), 'w') as f:
        json.dump({'backbone': {(2, 2, 2, 2): 'resnet18', (3, 4, 6, 3): 'resnet34' if block is DilatedBasicBlock else 'resnet50'}[tuple(layers)],
                   'width': width, 'outputStride': output_stride}, f)


def main():
    os.makedirs(OUT, exist_ok=True)
    make('resnet18-w0.0625-os16', DilatedBasicBlock, [2, 2, 2, 2], 0.0625, 16, (2, 3, 50, 38), 1)
    make('resnet50-w0.0625-os8', Bottleneck, [3, 4, 6, 3], 0.0625, 8, (1, 3, 45, 64), 2)
    real = torchvision.models.resnet50(weights=None)
    with open(os.path.join(OUT, 'resnet50-names.json'), 'w') as f:
        json.dump([{'name': k, 'shape': list(v.shape)} for k, v in real.state_dict().items()], f, indent=0)
    print('torch', torch.__version__, 'torchvision', torchvision.__version__, '->', os.path.normpath(OUT))


if __name__ == '__main__':
    main()
