using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Training.Losses;

/// <summary>
/// A training loss: the outputs of <see cref="SegmentationModel.ForwardTraining"/> and the target labels [B, H, W] (int64,
/// 0 = background) → a scalar to minimise. Every <see cref="LossKind"/> is one of these (see <see cref="LossFactory"/>).
/// </summary>
public delegate Tensor SegmentationLoss(SegmentationOutputs outputs, Tensor target);
