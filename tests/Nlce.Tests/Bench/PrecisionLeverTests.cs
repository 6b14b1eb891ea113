using Nlce.Bench;
using Nlce.Tests.Attacks;
using static TorchSharp.torch;

namespace Nlce.Tests.Bench;

/// <summary>TF32 is a CUDA lever: on the CPU, which has no TF32, switching it on must not change a single output bit. The workloads
/// seed torch's global generator and the levers set process-wide flags, so these tests run alone.</summary>
[Collection(GlobalTorchStateCollection.Name)]
public sealed class PrecisionLeverTests
{
    [Fact]
    public void Tf32_switch_does_not_change_cpu_results_and_is_restored()
    {
        bool matmulBefore = PrecisionLevers.MatmulTf32, cudnnBefore = PrecisionLevers.CudnnTf32;
        var (trainOff, attackOff, forwardOff) = RunFigures(tf32: false);
        var (trainOn, attackOn, forwardOn) = RunFigures(tf32: true);
        try
        {
            Assert.True(TensorsEqual.Exactly(trainOff, trainOn), "train-step loss changed with TF32 on the CPU");
            Assert.True(TensorsEqual.Exactly(attackOff, attackOn), "attack iteration changed with TF32 on the CPU");
            Assert.True(TensorsEqual.Exactly(forwardOff, forwardOn), "forward logits changed with TF32 on the CPU");
            Assert.Equal((matmulBefore, cudnnBefore), (PrecisionLevers.MatmulTf32, PrecisionLevers.CudnnTf32));
        }
        finally
        {
            foreach (var tensor in new[] { trainOff, attackOff, forwardOff, trainOn, attackOn, forwardOn })
                tensor.Dispose();
        }
    }

    [Fact]
    public void The_lever_sets_both_flags_while_it_lives()
    {
        using (new PrecisionLevers(tf32: true))
            Assert.True(PrecisionLevers.MatmulTf32 && PrecisionLevers.CudnnTf32);
        using (new PrecisionLevers(tf32: false))
            Assert.False(PrecisionLevers.MatmulTf32 || PrecisionLevers.CudnnTf32);
    }

    private static (Tensor Train, Tensor Attack, Tensor Forward) RunFigures(bool tf32)
    {
        using var levers = new PrecisionLevers(tf32);
        using var workload = new NlcenWorkload(BenchSettings.Smoke with { Tf32 = tf32 }, CPU);
        using var scope = NewDisposeScope();
        var forward = workload.Forward();
        var attack = workload.AttackIteration();
        var train = workload.TrainStep();
        return (train.detach().MoveToOuterDisposeScope(), attack.MoveToOuterDisposeScope(), forward.MoveToOuterDisposeScope());
    }
}
