using static TorchSharp.torch;

namespace Nlce.Attacks;

/// <summary>
/// Records the train/eval flag of a module and of every submodule, switches the whole tree to eval mode, and on
/// <see cref="Dispose"/> restores every flag exactly (also mixed trees, e.g. a frozen BatchNorm in a training model).
/// </summary>
internal sealed class ModelModeSnapshot : IDisposable
{
    private readonly List<(nn.Module Module, bool Training)> modes;

    private ModelModeSnapshot(List<(nn.Module, bool)> modes)
    {
        this.modes = modes;
    }

    /// <summary>Snapshots <paramref name="model"/>'s modes and puts it in eval mode.</summary>
    public static ModelModeSnapshot SwitchToEval(nn.Module model)
    {
        // Parents before children: restoring in this order lets each child's own flag win over its parent's recursive train().
        var modes = new List<(nn.Module, bool)> { (model, model.training) };
        foreach (var (_, module) in model.named_modules())
            if (!ReferenceEquals(module, model))
                modes.Add((module, module.training));
        model.eval();
        return new ModelModeSnapshot(modes);
    }

    /// <summary>Restores every recorded flag.</summary>
    public void Dispose()
    {
        foreach (var (module, training) in modes)
            module.train(training);
    }
}
