using Nlce.Models;
using Nlce.Models.Baselines;
using static TorchSharp.torch;

namespace Nlce.Tests.Models.Baselines;

/// <summary>
/// One baseline in a tiny configuration, with what the tests expect of it: its total stride, where its +NLCE slot is
/// (channels, number of slots), and its pinned state_dict (key count and some key names, plain and +NLCE).
/// </summary>
public sealed record BaselineCase(
    string Name,
    Func<ModelConfig, Func<long, nn.Module<Tensor, Tensor>>?, SegmentationModel> Create,
    int TotalStride,
    long SlotChannels,
    int Slots,
    int StateKeyCount,
    string[] SomeStateKeys,
    string[] SlotStateKeys,
    LossKind Loss)
{
    /// <summary>Input side length of the tests (32 is a multiple of every stride here).</summary>
    public const int Size = 32;

    public override string ToString() => Name;

    public static readonly IReadOnlyDictionary<string, BaselineCase> All = new[]
    {
        new BaselineCase("unet",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateUNet(c, b, new UNetOptions(BaseChannels: 4, Depth: 2)),
            TotalStride: 4, SlotChannels: 16, Slots: 1, StateKeyCount: 26,
            SomeStateKeys: ["encoder.0.conv1.weight", "encoder.1.conv2.bias", "center.conv1.weight", "up.0.weight", "up.1.bias", "decoder.1.conv2.weight", "head.weight", "head.bias"],
            SlotStateKeys: ["nlce.conv.weight", "nlce.conv.bias"],
            LossKind.CrossEntropy),
        new BaselineCase("unet-batchnorm",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateUNet(c, b, new UNetOptions(BaseChannels: 4, Depth: 2, BatchNorm: true)),
            TotalStride: 4, SlotChannels: 16, Slots: 1, StateKeyCount: 66,
            SomeStateKeys: ["encoder.0.conv1.weight", "encoder.0.bn1.running_mean", "center.bn2.num_batches_tracked", "up.0.weight", "decoder.0.bn2.weight", "head.bias"],
            SlotStateKeys: ["nlce.conv.weight", "nlce.conv.bias"],
            LossKind.CrossEntropy),
        new BaselineCase("invertednet",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateInvertedNet(c, b, new InvertedNetOptions(BaseChannels: 16, Depth: 2)),
            TotalStride: 4, SlotChannels: 4, Slots: 1, StateKeyCount: 26,
            SomeStateKeys: ["encoder.0.conv1.weight", "encoder.2.conv2.bias", "up.0.weight", "up.1.bias", "decoder.0.conv1.weight", "head.weight"],
            SlotStateKeys: ["nlce.conv.weight", "nlce.conv.bias"],
            LossKind.SoftDice),
        new BaselineCase("nwcn",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateNwcn(c, b, new NwcnOptions(Stages: 2, StemChannels: 4, ContextChannels: 8)),
            TotalStride: 4, SlotChannels: 8, Slots: 2, StateKeyCount: 88,
            SomeStateKeys: ["stages.0.conv1.conv.weight", "stages.0.conv1.bn.running_var", "stages.0.context.4.conv.weight", "stages.1.conv2.bn.weight", "stages.1.classifier.bias"],
            SlotStateKeys: ["stages.0.nlce.conv.weight", "stages.0.nlce.conv.bias", "stages.1.nlce.conv.weight", "stages.1.nlce.conv.bias"],
            LossKind.CrossEntropy),
        new BaselineCase("cdnn",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateCdnn(c, b, new CdnnOptions(BaseChannels: 4, Depth: 2)),
            TotalStride: 4, SlotChannels: 16, Slots: 1, StateKeyCount: 74,
            SomeStateKeys: ["encoder.0.conv1.weight", "encoder.1.bn2.running_mean", "center.conv2.weight", "up.0.conv.weight", "up.1.bn.weight", "decoder.1.conv1.weight", "head.weight"],
            SlotStateKeys: ["nlce.conv.weight", "nlce.conv.bias"],
            LossKind.JaccardDistance),
        new BaselineCase("slsdeep",
            (c, b) => Nlce.Models.Baselines.BaselineFactory.CreateSlsDeep(c, b, new SlsDeepOptions(Width: 2)),
            TotalStride: 8, SlotChannels: 64, Slots: 1, StateKeyCount: 356,
            SomeStateKeys: ["encoder.conv1.weight", "encoder.bn1.running_mean", "encoder.layer1.0.downsample.0.weight", "encoder.layer3.5.conv3.weight", "encoder.layer4.2.bn3.bias", "ppm.stages.3.conv.weight", "ppm.fuse.bn.weight", "refine.conv.weight", "classifier.bias"],
            SlotStateKeys: ["nlce.conv.weight", "nlce.conv.bias"],
            LossKind.NllPlusEndPointError),
    }.ToDictionary(c => c.Name);

    public static TheoryData<string> Names() => new(All.Keys);

    public static TheoryData<string, int> NamesAndInputChannels()
    {
        var data = new TheoryData<string, int>();
        foreach (string name in All.Keys)
        {
            data.Add(name, 1);
            data.Add(name, 3);
        }
        return data;
    }
}
