namespace Nlce.Bench;

/// <summary>A benchmark step for progress displays: the figure starting or finished, with its median once known.</summary>
/// <param name="Figure">The figure.</param>
/// <param name="MedianMs">Null when the figure starts; its median when it has finished.</param>
public sealed record BenchProgress(BenchFigure Figure, double? MedianMs);
