#!/usr/bin/env python3
"""Export torchvision's ImageNet ResNet-18 or ResNet-50 weights for `nlce train --init-backbone`.

Needs PyTorch and torchvision (the weights are downloaded by torchvision on first use):

    python tools/export_torchvision_resnet.py --arch resnet18 --out resnet18-imagenet.dat
    nlce train --model nlcen-r18 ... --init-backbone resnet18-imagenet.dat

The output is TorchSharp's state-dictionary format (TorchSharp docs, "Saving and Restoring Model Weights and
Buffers"), which `Nlce.Training.Checkpoints.StateDictFile` reads:

    ULEB128 entry count, then for every entry:
      ULEB128 byte length + UTF-8 key   (what .NET's BinaryWriter.Write(string) produces)
      ULEB128 element type              (libtorch ScalarType code: float32 = 6, int64 = 4, ...)
      ULEB128 rank, ULEB128 per dimension
      the elements, raw little-endian

Keys keep torchvision's names (conv1.weight, bn1.running_mean, layer2.0.downsample.0.weight, ...); the C# side maps
each key k to <backbone prefix> + k. The ImageNet classifier (fc.weight, fc.bias) is left out; every other tensor,
batch-norm statistics and num_batches_tracked included, is written.
"""

import argparse
import sys

# libtorch ScalarType codes by dtype name; the types a ResNet state dictionary can hold.
SCALAR_TYPE_CODES = {
    "torch.uint8": 0,
    "torch.int8": 1,
    "torch.int16": 2,
    "torch.int32": 3,
    "torch.int64": 4,
    "torch.float16": 5,
    "torch.float32": 6,
    "torch.float64": 7,
    "torch.bool": 11,
}

CLASSIFIER_PREFIX = "fc."


def uleb128(value):
    """Unsigned LEB128: seven bits per byte, least significant group first, high bit set on all but the last byte."""
    if value < 0:
        raise ValueError(f"cannot encode negative number {value}")
    encoded = bytearray()
    while True:
        group = value & 0x7F
        value >>= 7
        if value:
            encoded.append(group | 0x80)
        else:
            encoded.append(group)
            return bytes(encoded)


def write_state_dict(state, stream):
    """Writes an ordered mapping of names to tensors in TorchSharp's format."""
    stream.write(uleb128(len(state)))
    for key, tensor in state.items():
        name = key.encode("utf-8")
        stream.write(uleb128(len(name)))
        stream.write(name)
        tensor = tensor.detach().cpu().contiguous()
        code = SCALAR_TYPE_CODES.get(str(tensor.dtype))
        if code is None:
            raise ValueError(f"{key}: element type {tensor.dtype} has no TorchSharp code in this exporter")
        stream.write(uleb128(code))
        stream.write(uleb128(len(tensor.shape)))
        for size in tensor.shape:
            stream.write(uleb128(int(size)))
        array = tensor.numpy()
        stream.write(array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes())


def backbone_state(arch, weights):
    """torchvision's pretrained state dictionary of `arch` without the classifier."""
    try:
        import torchvision
    except ImportError:
        sys.exit("this script needs PyTorch and torchvision: pip install torch torchvision")
    model = getattr(torchvision.models, arch)(weights=weights)
    return {k: v for k, v in model.state_dict().items() if not k.startswith(CLASSIFIER_PREFIX)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--arch", choices=["resnet18", "resnet50"], required=True, help="torchvision architecture")
    parser.add_argument("--weights", default="IMAGENET1K_V1",
                        help="torchvision weights enum member (default: IMAGENET1K_V1, the original ImageNet training)")
    parser.add_argument("--out", required=True, help="output file")
    args = parser.parse_args()

    state = backbone_state(args.arch, args.weights)
    with open(args.out, "wb") as stream:
        write_state_dict(state, stream)
    print(f"wrote {len(state)} tensors of {args.arch} ({args.weights}, without {CLASSIFIER_PREFIX}*) to {args.out}")


if __name__ == "__main__":
    main()
