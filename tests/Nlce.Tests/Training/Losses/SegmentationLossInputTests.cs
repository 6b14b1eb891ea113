using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training.Losses;

/// <summary>Every region/boundary loss rejects the same malformed inputs, naming the argument and the problem.</summary>
public sealed class SegmentationLossInputTests
{
    public static TheoryData<string> Losses => new() { nameof(JaccardDistanceLoss), nameof(SoftDiceLoss), nameof(EndPointErrorLoss) };

    private static Tensor Compute(string loss, Tensor logits, Tensor target) => loss switch
    {
        nameof(JaccardDistanceLoss) => new JaccardDistanceLoss().Compute(logits, target),
        nameof(SoftDiceLoss) => new SoftDiceLoss().Compute(logits, target),
        nameof(EndPointErrorLoss) => new EndPointErrorLoss().Compute(logits, target),
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss"),
    };

    public static TheoryData<string, string, string> BadInputs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (string loss in new[] { nameof(JaccardDistanceLoss), nameof(SoftDiceLoss), nameof(EndPointErrorLoss) })
        {
            data.Add(loss, "logits of rank 3", "logits");
            data.Add(loss, "integer logits", "logits");
            data.Add(loss, "one class", "logits");
            data.Add(loss, "float target", "target");
            data.Add(loss, "target of rank 4", "target");
            data.Add(loss, "target of another size", "target");
            data.Add(loss, "label 2 of 2 classes", "target");
            data.Add(loss, "negative label", "target");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Rejects_malformed_inputs_naming_the_argument(string loss, string problem, string parameter)
    {
        using var scope = NewDisposeScope();
        var logits = zeros(2, 2, 4, 4);
        var target = zeros(2, 4, 4, dtype: ScalarType.Int64);
        switch (problem)
        {
            case "logits of rank 3": logits = zeros(2, 4, 4); break;
            case "integer logits": logits = zeros(2, 2, 4, 4, dtype: ScalarType.Int64); break;
            case "one class": logits = zeros(2, 1, 4, 4); break;
            case "float target": target = zeros(2, 4, 4); break;
            case "target of rank 4": target = zeros(2, 1, 4, 4, dtype: ScalarType.Int64); break;
            case "target of another size": target = zeros(2, 4, 5, dtype: ScalarType.Int64); break;
            case "label 2 of 2 classes": target[1, 2, 3] = tensor(2L); break;
            case "negative label": target[0, 0, 0] = tensor(-1L); break;
            default: throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case");
        }

        var error = Assert.Throws<ArgumentException>(() => Compute(loss, logits, target));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(loss, error.Message);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void Accepts_int32_labels_like_int64_labels(string loss)
    {
        using var scope = NewDisposeScope();
        var logits = randn(1, 3, 4, 4);
        var labels = randint(0, 3, [1, 4, 4]);
        float asInt64 = Compute(loss, logits, labels.to_type(ScalarType.Int64)).item<float>();
        float asInt32 = Compute(loss, logits, labels.to_type(ScalarType.Int32)).item<float>();
        Assert.Equal(asInt64, asInt32);
    }
}
