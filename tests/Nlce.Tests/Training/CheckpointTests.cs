using System.Text.Json.Nodes;
using Nlce.Data;
using Nlce.Data.Tensors;
using Nlce.Tests.Data.Tensors;
using Nlce.Training;
using Nlce.Training.Checkpoints;
using Nlce.Training.Losses;
using static TorchSharp.torch;

namespace Nlce.Tests.Training;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly SingleTorchThread thread = new();
    private readonly string folder = Directory.CreateTempSubdirectory("nlce-checkpoint-").FullName;
    private readonly SegmentationTensorSet all = SegmentationTensorSet.Load(InMemoryDataset.Squares(12, 16), 16);
    private readonly TrainingData data;

    public CheckpointTests() => data = TrainingData.FromSplits(all, "test-squares");

    public void Dispose()
    {
        thread.Dispose();
        data.Dispose();
        all.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private Checkpoint TrainTiny(int epochs, string name = "tiny")
    {
        manual_seed(21);
        using var model = new TinySegmenter(TinySegmenter.Config1(name));
        return new Trainer(TrainerTests.Fast(epochs), CrossEntropyLoss.Loss, CPU).Train(model, data, new CheckpointStore(folder)).LastCheckpoint!;
    }

    [Fact]
    public void A_registered_model_is_rebuilt_from_its_checkpoint_folder_alone()
    {
        manual_seed(23);
        using var trained = Nlce.Models.ModelRegistry.Default.Create("cdnn", 1, 2, width: 0.125);
        new Trainer(TrainerTests.Fast(1), Nlce.Training.Losses.LossFactory.Paper.Create(trained.DefaultLoss), CPU).Train(trained, data, new CheckpointStore(folder));
        using var loaded = CheckpointModels.Load(folder);
        Assert.Equal(trained.Config, loaded.Config);
        Assert.False(loaded.training);
        trained.eval();
        using var scope = NewDisposeScope();
        var x = rand(2, 1, 16, 16);
        Assert.True(trained.call(x).equal(loaded.call(x)).all().item<bool>());
        Assert.Throws<DataFormatException>(() => CheckpointModels.Load(Path.Combine(folder, "missing")));
    }

    [Fact]
    public void Restored_weights_reproduce_the_trained_models_outputs_exactly()
    {
        manual_seed(21);
        using var trained = new TinySegmenter(TinySegmenter.Config1());
        var checkpoint = new Trainer(TrainerTests.Fast(2), CrossEntropyLoss.Loss, CPU).Train(trained, data, new CheckpointStore(folder)).LastCheckpoint!;

        manual_seed(22);
        using var restored = new TinySegmenter(TinySegmenter.Config1());
        Checkpoint.Open(folder).RestoreWeights(restored);
        trained.eval();
        restored.eval();
        using var scope = NewDisposeScope();
        Assert.True(trained.call(all.Images).equal(restored.call(all.Images)).all().item<bool>());
        TrainerTests.AssertSameState(trained, restored);
        Assert.Equal(checkpoint.Sidecar, Checkpoint.Open(folder).Sidecar with { History = checkpoint.Sidecar.History });
    }

    [Fact]
    public void The_sidecar_records_the_run_and_only_the_latest_epochs_files_remain()
    {
        var checkpoint = TrainTiny(2);
        var sidecar = Checkpoint.Open(folder).Sidecar;
        Assert.Equal(TinySegmenter.Config1(), sidecar.Model);
        Assert.Equal(TrainerTests.Fast(2), sidecar.Options);
        Assert.Equal(("test-squares", DatasetSplit.Test), (sidecar.DatasetSpec, sidecar.ValidationSplit));
        Assert.Equal((2, 0, 1), (sidecar.EpochsCompleted, sidecar.Stage, sidecar.TrainingStages));
        Assert.Equal(checkpoint.Sidecar.History, sidecar.History);
        Assert.Equal(checkpoint.Sidecar.Schedule, sidecar.Schedule);
        Assert.False(string.IsNullOrEmpty(sidecar.LibTorchVersion));
        Assert.Equal(
            [CheckpointStore.SidecarFileName, "optimizer-epoch0002.dat", "weights-epoch0002.dat"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Loading_into_another_architecture_names_both_models()
    {
        TrainTiny(1, name: "tiny-a");
        using var other = new TinySegmenter(TinySegmenter.Config1("tiny-b"));
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder).RestoreWeights(other));
        Assert.Contains("'tiny-a'", e.Message);
        Assert.Contains("'tiny-b'", e.Message);
        Assert.Contains(CheckpointStore.SidecarFileName, e.Message);

        using var rgb = new TinySegmenter(new Nlce.Models.ModelConfig("tiny-a", 3, 2));
        Assert.Contains("3 input channel(s)", Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder).RestoreWeights(rgb)).Message);
    }

    [Fact]
    public void A_state_dict_mismatch_names_the_offending_keys_and_shapes()
    {
        TrainTiny(1);
        using var wider = new TinySegmenter(TinySegmenter.Config1(), width: 3);
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder).RestoreWeights(wider));
        Assert.Contains("weights-epoch0001.dat", e.Message);
        Assert.Contains("'conv1.weight': file has shape [4, 1, 3, 3], model has [3, 1, 3, 3]", e.Message);
        Assert.Contains("'bn1.running_var'", e.Message);
    }

    [Fact]
    public void A_sidecar_with_an_unknown_field_a_bad_value_or_a_missing_file_is_rejected_by_name()
    {
        TrainTiny(1);
        string path = Path.Combine(folder, CheckpointStore.SidecarFileName);
        string original = File.ReadAllText(path);

        var json = JsonNode.Parse(original)!;
        json["Bogus"] = 1;
        File.WriteAllText(path, json.ToJsonString());
        Assert.Contains("Bogus", Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder)).Message);

        json = JsonNode.Parse(original)!;
        json["Options"]!["BatchSize"] = 0;
        File.WriteAllText(path, json.ToJsonString());
        var e = Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder));
        Assert.Equal("Options", e.Field);
        Assert.Contains("BatchSize", e.Message);

        File.WriteAllText(path, original);
        File.Delete(Path.Combine(folder, "optimizer-epoch0001.dat"));
        e = Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder));
        Assert.Equal(nameof(CheckpointSidecar.OptimizerFile), e.Field);

        Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        Assert.Null(new CheckpointStore(folder).TryOpen());
        Assert.Contains("missing", Assert.Throws<DataFormatException>(() => Checkpoint.Open(folder)).Message);
    }
}
