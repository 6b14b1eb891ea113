namespace Nlce.Models;

/// <summary>
/// A module that performs matrix products of its own, outside any child convolution or linear layer (the non-local
/// attention, the context-encoding assignment), and reports their cost so that <see cref="ModelSummary"/> can count
/// them; child convolutions and linear layers are counted separately and must not be included.
/// </summary>
public interface IReportsOwnMultiplyAdds
{
    /// <summary>Multiply-adds of the module's own matrix products in one forward pass on an input of this shape.</summary>
    /// <param name="inputShape">The shape of the module's input, [B, C, H, W].</param>
    long OwnMultiplyAdds(IReadOnlyList<long> inputShape);
}
