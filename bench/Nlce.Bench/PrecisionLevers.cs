using static TorchSharp.torch;

namespace Nlce.Bench;

/// <summary>
/// Switches TF32 (TensorFloat-32 tensor-core math for float32 matmuls and cuDNN convolutions, Ampere and later) on for the lifetime of
/// this object and restores the previous flags on dispose, so a benchmark lever never leaks into later work. The flags exist on every
/// build of libtorch; the CPU has no TF32 and computes exactly as without them.
/// </summary>
public sealed class PrecisionLevers : IDisposable
{
    private readonly bool matmulBefore;
    private readonly bool cudnnBefore;

    /// <param name="tf32">Whether TF32 is allowed while this object lives.</param>
    public PrecisionLevers(bool tf32)
    {
        matmulBefore = backends.cuda.matmul.allow_tf32;
        cudnnBefore = backends.cudnn.allow_tf32;
        backends.cuda.matmul.allow_tf32 = tf32;
        backends.cudnn.allow_tf32 = tf32;
    }

    /// <summary>Whether CUDA matmuls may use TF32 now.</summary>
    public static bool MatmulTf32 => backends.cuda.matmul.allow_tf32;

    /// <summary>Whether cuDNN convolutions may use TF32 now.</summary>
    public static bool CudnnTf32 => backends.cudnn.allow_tf32;

    public void Dispose()
    {
        backends.cuda.matmul.allow_tf32 = matmulBefore;
        backends.cudnn.allow_tf32 = cudnnBefore;
    }
}
