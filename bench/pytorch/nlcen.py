"""NLCEN with a ResNet-18 backbone in plain PyTorch, written from the C# workbench's description (src/Nlce/Models).

He et al., "Non-Local Context Encoder: Robust Biomedical Image Segmentation against Adversarial Attacks", AAAI 2019, Fig. 3
and eq. 1-5. This is an independent re-implementation used only as a timing reference for `nlce bench --compare-pytorch`: the same
layers, shapes, parameter count (13,154,474 at width 1 with one input channel) and state-dict names as `Nlce.Models.Nlcen`, so
the two frameworks run the same network. Width scaling follows `ChannelWidth.Scale`.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

STEM_CHANNELS = 64
CODEWORDS = 32
MAX_CODEWORD_CHANNELS = 512
REFINEMENT_BOTTLENECKS = (1, 2, 3)  # after P3, P4, P5
REFINEMENT_WEIGHT = 0.25  # eq. 5: global loss + 0.25 x refined loss


def scale_channels(channels, width):
    """ChannelWidth.Scale: the papers' count at width 1, else the nearest multiple of 8 (half away from zero), at least 8."""
    if width == 1.0:
        return channels
    multiples = math.floor(channels * width / 8 + 0.5)
    return max(1, multiples) * 8


def he_normal_(*convolutions):
    for conv in convolutions:
        nn.init.kaiming_normal_(conv.weight, mode="fan_out", nonlinearity="relu")


def shortcut(in_channels, out_channels, stride):
    """A 1x1 projection with batch norm where the residual changes shape; None where the identity fits."""
    if in_channels == out_channels and stride == 1:
        return None
    projection = nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False)
    he_normal_(projection)
    return nn.Sequential(projection, nn.BatchNorm2d(out_channels))


class BasicBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        he_normal_(self.conv1, self.conv2)
        self.downsample = shortcut(in_channels, out_channels, stride)

    def forward(self, x):
        branch = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(branch + (x if self.downsample is None else self.downsample(x)))


class BottleneckBlock(nn.Module):
    def __init__(self, in_channels, mid_channels, out_channels, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, mid_channels, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(mid_channels)
        self.conv2 = nn.Conv2d(mid_channels, mid_channels, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(mid_channels)
        self.conv3 = nn.Conv2d(mid_channels, out_channels, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(out_channels)
        he_normal_(self.conv1, self.conv2, self.conv3)
        self.downsample = shortcut(in_channels, out_channels, stride)

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = F.relu(self.bn2(self.conv2(y)))
        y = self.bn3(self.conv3(y))
        return F.relu(y + (x if self.downsample is None else self.downsample(x)))


class ResNet18Encoder(nn.Module):
    """conv1 (7x7/2) + max pool, then four stages of two basic blocks; returns conv2 ... conv5 (strides 4 ... 32)."""

    def __init__(self, in_channels, width):
        super().__init__()
        stem = scale_channels(STEM_CHANNELS, width)
        self.conv1 = nn.Conv2d(in_channels, stem, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(stem)
        he_normal_(self.conv1)
        channels = stem
        self.level_channels = []
        for stage in range(4):
            out_channels = stem << stage
            blocks = []
            for block in range(2):
                blocks.append(BasicBlock(channels, out_channels, 2 if stage > 0 and block == 0 else 1))
                channels = out_channels
            setattr(self, f"layer{stage + 1}", nn.Sequential(*blocks))
            self.level_channels.append(out_channels)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), kernel_size=3, stride=2, padding=1)
        conv2 = self.layer1(x)
        conv3 = self.layer2(conv2)
        conv4 = self.layer3(conv3)
        conv5 = self.layer4(conv4)
        return [conv2, conv3, conv4, conv5]


class NonLocalBlock(nn.Module):
    """Embedded-Gaussian non-local block (eq. 1-2): z = BN(W_z y) + x, y = softmax(theta(x) phi(x)^T) g(x), C/2 embeddings."""

    def __init__(self, channels):
        super().__init__()
        inter = max(1, channels // 2)
        self.theta = nn.Conv2d(channels, inter, 1)
        self.phi = nn.Conv2d(channels, inter, 1)
        self.g = nn.Conv2d(channels, inter, 1)
        self.w_z = nn.Conv2d(inter, channels, 1)
        self.w_z_bn = nn.BatchNorm2d(channels)
        with torch.no_grad():
            for conv in (self.theta, self.phi, self.g, self.w_z):
                nn.init.normal_(conv.weight, 0.0, 0.01)
                nn.init.zeros_(conv.bias)
            nn.init.zeros_(self.w_z_bn.weight)
            nn.init.zeros_(self.w_z_bn.bias)
        self.inter = inter

    def forward(self, x):
        b, _, h, w = x.shape
        query = self.theta(x).flatten(2).transpose(1, 2)
        key = self.phi(x).flatten(2).transpose(1, 2)
        value = self.g(x).flatten(2).transpose(1, 2)
        y = torch.softmax(query @ key.transpose(1, 2), dim=-1) @ value
        y = y.transpose(1, 2).reshape(b, self.inter, h, w)
        return self.w_z_bn(self.w_z(y)) + x


class ContextEncoding(nn.Module):
    """Context encoding (eq. 3-4): soft-assign projected features to K codewords, aggregate residuals, gate channels by sigmoid(W e)."""

    def __init__(self, channels, max_codeword_channels):
        super().__init__()
        c = min(channels, max_codeword_channels)
        self.projection = nn.Sequential(nn.Conv2d(channels, c, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU())
        bound = 1.0 / math.sqrt(CODEWORDS * c)
        self.codewords = nn.Parameter(torch.empty(CODEWORDS, c).uniform_(-bound, bound))
        self.smoothing = nn.Parameter(torch.empty(CODEWORDS).uniform_(0.0, 1.0))
        self.codeword_bn = nn.BatchNorm1d(CODEWORDS)
        self.w_gamma = nn.Linear(c, channels)

    def forward(self, x):
        z = self.projection(x).flatten(2).transpose(1, 2)  # [B, N, C']
        distance = z.square().sum(-1, keepdim=True) - 2 * (z @ self.codewords.t()) + self.codewords.square().sum(-1)
        assignment = torch.softmax(-self.smoothing * distance, dim=-1)  # [B, N, K]
        residuals = assignment.transpose(1, 2) @ z - assignment.sum(1).unsqueeze(-1) * self.codewords  # [B, K, C']
        context = F.relu(self.codeword_bn(residuals)).sum(1)  # [B, C']
        gamma = torch.sigmoid(self.w_gamma(context))
        return x * gamma.unsqueeze(-1).unsqueeze(-1)


class NlceModule(nn.Module):
    def __init__(self, channels, max_codeword_channels):
        super().__init__()
        self.non_local = NonLocalBlock(channels)
        self.context_encoding = ContextEncoding(channels, max_codeword_channels)

    def forward(self, x):
        return self.context_encoding(self.non_local(x))


def resize(x, size):
    return F.interpolate(x, size=size, mode="bilinear", align_corners=False)


class Nlcen(nn.Module):
    """Global phase (backbone, NLCE on conv2 ... conv5, feature pyramid, four supervised heads) and refinement phase (Fig. 3)."""

    def __init__(self, in_channels=1, classes=2, width=1.0):
        super().__init__()
        self.encoder = ResNet18Encoder(in_channels, width)
        channels = self.encoder.level_channels
        max_c = scale_channels(MAX_CODEWORD_CHANNELS, width)
        self.nlce = nn.ModuleList([NlceModule(c, max_c) for c in channels])
        self.fpn_top = nn.Conv2d(channels[3], channels[3], 1)
        self.fpn_lateral = nn.ModuleList([nn.Conv2d(channels[i + 1], channels[i], 1) for i in range(3)])
        self.heads = nn.ModuleList([nn.Conv2d(c, classes, 3, padding=1) for c in channels])
        width2 = channels[0]
        self.refine = nn.ModuleList([
            nn.Sequential(*[BottleneckBlock(channels[i + 1] if j == 0 else width2, max(1, width2 // 4), width2, 1) for j in range(count)])
            for i, count in enumerate(REFINEMENT_BOTTLENECKS)])
        self.refine_head = nn.Conv2d(4 * width2, classes, 3, padding=1)

    def run(self, x, supervised_levels):
        size = x.shape[2:]
        e = [module(feature) for module, feature in zip(self.nlce, self.encoder(x))]
        p = [None] * 4
        p[3] = self.fpn_top(e[3])
        for i in (2, 1, 0):
            p[i] = e[i] + resize(self.fpn_lateral[i](p[i + 1]), e[i].shape[2:])
        levels = [resize(self.heads[i](level), size) for i, level in enumerate(p)] if supervised_levels else []
        fused = torch.cat([p[0]] + [resize(self.refine[i - 1](p[i]), p[0].shape[2:]) for i in (1, 2, 3)], dim=1)
        return resize(self.refine_head(fused), size), levels

    def forward(self, x):
        return self.run(x, supervised_levels=False)[0]

    def forward_training(self, x):
        return self.run(x, supervised_levels=True)


def deep_supervision_loss(logits, levels, target):
    """Eq. 5: mean cross-entropy of the four level predictions plus 0.25 x the refined prediction's."""
    global_loss = torch.stack([F.cross_entropy(level, target) for level in levels]).mean()
    return global_loss + REFINEMENT_WEIGHT * F.cross_entropy(logits, target)
