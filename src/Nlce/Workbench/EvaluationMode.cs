using Nlce.Models;

namespace Nlce.Workbench;

/// <summary>Puts a model in evaluation mode and back into training mode on dispose if it was training.</summary>
internal sealed class EvaluationMode : IDisposable
{
    private readonly SegmentationModel model;
    private readonly bool wasTraining;

    public EvaluationMode(SegmentationModel model)
    {
        this.model = model;
        wasTraining = model.training;
        model.eval();
    }

    public void Dispose()
    {
        if (wasTraining)
            model.train();
    }
}
