using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>The intermediate values of one <see cref="ContextEncoding"/> pass (NLCEN eq. 3), for teaching notebooks.</summary>
/// <param name="SoftAssignment">[B, K, H, W]: the weight exp(−s_k‖r_ik‖²)/R(e_i) of each position i for each codeword k (sums to 1 over k).</param>
/// <param name="Gamma">[B, C]: the channel-wise scaling factors γ = sigmoid(W_γ e).</param>
/// <param name="Output">[B, C, H, W]: F_z ⊗ γ, the module's output.</param>
public sealed record ContextEncodingTrace(Tensor SoftAssignment, Tensor Gamma, Tensor Output);
