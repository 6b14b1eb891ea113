namespace Nlce.Bench.Models;

/// <summary>Command-line options of the model benchmark; unknown or malformed options are rejected.</summary>
internal sealed record BenchOptions(string Model, int Batch, int Size, int Channels, int Steps)
{
    public const string Usage =
        "usage: Nlce.Bench.Models [--model nlcen-r18] [--batch 8] [--size 256] [--channels 1] [--steps 3]";

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions("nlcen-r18", 8, 256, 1, 3);
        for (int i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
                throw new ArgumentException($"Option '{args[i]}' has no value. {Usage}");
            string value = args[i + 1];
            options = args[i] switch
            {
                "--model" => options with { Model = value },
                "--batch" => options with { Batch = Positive(args[i], value) },
                "--size" => options with { Size = Positive(args[i], value) },
                "--channels" => options with { Channels = Positive(args[i], value) },
                "--steps" => options with { Steps = Positive(args[i], value) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. {Usage}"),
            };
        }
        return options;
    }

    private static int Positive(string option, string value) =>
        int.TryParse(value, out int parsed) && parsed > 0
            ? parsed
            : throw new ArgumentException($"Option '{option}' expects a positive integer, got '{value}'.");
}
