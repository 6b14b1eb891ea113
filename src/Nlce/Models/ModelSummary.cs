using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Nlce.Models;

/// <summary>
/// Size and cost of a network for <c>nlce models</c>: parameter counts and the forward-pass cost of one image at a given
/// input size.
/// </summary>
/// <remarks>
/// Cost is counted analytically from one forward pass on a zero image (evaluation mode, no gradients) with forward hooks:
/// convolutions (output elements × input channels per group × kernel elements; transposed: input elements × output
/// channels per group × kernel elements), linear layers (output elements × input features), and the modules' own
/// matrix products reported through <see cref="IReportsOwnMultiplyAdds"/> (non-local attention, context encoding).
/// Batch norm, activations, pooling, interpolation and element-wise additions are not counted, the usual convention.
/// Hooks fire only for children invoked with <c>call()</c>. FLOPs = 2 × multiply-adds.
/// </remarks>
/// <param name="Parameters">All parameters (elements).</param>
/// <param name="TrainableParameters">Parameters that currently require gradients.</param>
/// <param name="MultiplyAdds">Multiply-adds of one forward pass on one image.</param>
/// <param name="InputChannels">Channels of the measured input.</param>
/// <param name="Height">Height of the measured input.</param>
/// <param name="Width">Width of the measured input.</param>
public sealed record ModelSummary(long Parameters, long TrainableParameters, long MultiplyAdds, int InputChannels, int Height, int Width)
{
    /// <summary>Forward floating-point operations of one image: 2 × <see cref="MultiplyAdds"/>.</summary>
    public long ForwardFlops => 2 * MultiplyAdds;

    /// <summary>Counts the parameters of <paramref name="model"/> and the cost of one forward pass on a 1 × C × H × W input.</summary>
    /// <param name="model">The network; its training mode is restored afterwards.</param>
    /// <param name="inputChannels">C.</param>
    /// <param name="height">H.</param>
    /// <param name="width">W.</param>
    /// <param name="device">Where the model's parameters live (default: CPU).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="InvalidOperationException">A module reports its own cost but is not a tensor-to-tensor module, so it cannot be hooked.</exception>
    public static ModelSummary Measure(nn.Module<Tensor, Tensor> model, int inputChannels, int height, int width, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);

        long multiplyAdds = 0;
        var removers = new List<Action>();
        void Count(nn.Module<Tensor, Tensor> module, Func<Tensor, Tensor, long> cost) =>
            removers.Add(module.register_forward_hook((_, input, output) =>
            {
                multiplyAdds += cost(input, output);
                return output;
            }).remove);

        bool wasTraining = model.training;
        try
        {
            foreach (var (name, module) in model.named_modules().Prepend((string.Empty, model)).DistinctBy(entry => entry.Item2))
            {
                switch (module)
                {
                    case ConvolutionTranspose transposed:
                        Count(transposed, (input, _) => input.numel() * (transposed.out_channels / transposed.groups) * Product(transposed.kernel_size));
                        break;
                    case Convolution conv:
                        Count(conv, (_, output) => output.numel() * (conv.in_channels / conv.groups) * Product(conv.kernel_size));
                        break;
                    case Linear linear:
                        Count(linear, (_, output) => output.numel() * linear.in_features);
                        break;
                }
                if (module is IReportsOwnMultiplyAdds reporter)
                {
                    if (module is not nn.Module<Tensor, Tensor> hookable)
                        throw new InvalidOperationException(
                            $"Module '{name}' ({module.GetType().Name}) reports its own multiply-adds but is not a Module<Tensor, Tensor>, so it cannot be hooked.");
                    Count(hookable, (input, _) => reporter.OwnMultiplyAdds(input.shape));
                }
            }

            model.eval();
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            model.call(zeros(1, inputChannels, height, width, device: device));
        }
        finally
        {
            removers.ForEach(remove => remove());
            model.train(wasTraining);
        }

        var parameters = model.parameters().ToArray();
        return new ModelSummary(
            parameters.Sum(p => p.numel()), parameters.Where(p => p.requires_grad).Sum(p => p.numel()),
            multiplyAdds, inputChannels, height, width);
    }

    private static long Product(IEnumerable<long> sizes) => sizes.Aggregate(1L, (product, size) => product * size);
}
