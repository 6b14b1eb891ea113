using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>The intermediate values of one <see cref="NlceModule"/> pass, for teaching notebooks.</summary>
/// <param name="Enhanced">F_z [B, C, H, W]: the non-local output (the input itself when the non-local part is off).</param>
/// <param name="Encoding">Soft assignment, gates and output of the context-encoding part; null when it is off.</param>
/// <param name="Output">[B, C, H, W]: the module's output.</param>
public sealed record NlceTrace(Tensor Enhanced, ContextEncodingTrace? Encoding, Tensor Output);
