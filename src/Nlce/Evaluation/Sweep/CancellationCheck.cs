using Nlce.Attacks;

namespace Nlce.Evaluation.Sweep;

/// <summary>Attack progress that stops a running attack between two iterations once <paramref name="cancellation"/> is cancelled, so
/// a long batch (ASMA runs thousands of iterations) does not delay a cancellation.</summary>
internal sealed class CancellationCheck(CancellationToken cancellation) : IProgress<AttackProgress>
{
    public void Report(AttackProgress value) => cancellation.ThrowIfCancellationRequested();
}
