using System.Diagnostics;
using Nlce.Bench.Models;
using Nlce.Models;
using Nlce.Runtime;
using Nlce.Training.Losses;
using static TorchSharp.torch;

// Forward+backward time and peak resident memory of one registered model in training mode on CPU.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

var runtime = TorchRuntime.EnsureLoaded();
manual_seed(0);
using var model = ModelRegistry.Default.Create(options.Model, options.Channels, classes: 2);
var summary = ModelSummary.Measure(model, options.Channels, options.Size, options.Size);
Console.WriteLine($"model {options.Model}: {summary.Parameters:N0} parameters, {summary.ForwardFlops / 1e9:F2} GFLOPs per {options.Size}² image (forward)");
Console.WriteLine($"input [{options.Batch}, {options.Channels}, {options.Size}, {options.Size}], libtorch threads {get_num_threads()}, backend {runtime.Backend}");
Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");

model.train();
var loss = new DeepSupervisionLoss();
long residentBefore = ProcessMemory.ResidentBytes();
var forwardMs = new List<double>();
var backwardMs = new List<double>();
for (int step = 0; step <= options.Steps; step++)   // step 0 warms up and is not reported
{
    using var scope = NewDisposeScope();
    var x = rand(options.Batch, options.Channels, options.Size, options.Size);
    var target = randint(0, 2, [options.Batch, options.Size, options.Size]);
    var clock = Stopwatch.StartNew();
    var value = loss.Compute(model.ForwardTraining(x), target);
    double forward = clock.Elapsed.TotalMilliseconds;
    value.backward();
    double backward = clock.Elapsed.TotalMilliseconds - forward;
    model.zero_grad();
    Console.WriteLine($"step {step}{(step == 0 ? " (warm-up)" : string.Empty)}: forward {forward:F0} ms, backward {backward:F0} ms, loss {value.item<float>():F4}");
    if (step > 0)
    {
        forwardMs.Add(forward);
        backwardMs.Add(backward);
    }
}

Console.WriteLine($"mean over {options.Steps} steps: forward {forwardMs.Average():F0} ms, backward {backwardMs.Average():F0} ms, " +
                  $"forward+backward {forwardMs.Zip(backwardMs, (f, b) => f + b).Average():F0} ms");
Console.WriteLine($"resident memory: {residentBefore / 1048576.0:F0} MiB after building the model, peak {ProcessMemory.PeakResidentBytes() / 1048576.0:F0} MiB");
Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
