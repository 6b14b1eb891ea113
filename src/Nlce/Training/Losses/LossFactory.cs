using Nlce.Models;

namespace Nlce.Training.Losses;

/// <summary>
/// Maps each <see cref="LossKind"/> (a model's <see cref="SegmentationModel.DefaultLoss"/>) to its <see cref="SegmentationLoss"/>.
/// <see cref="LossKind.CrossEntropy"/> is built in (<see cref="CrossEntropyLoss"/>); the other kinds' losses live in their
/// own classes and are handed in as a table, one function per kind:
/// <list type="bullet">
/// <item><see cref="LossKind.DeepSupervision"/>: NLCEN eq. 5 over the outputs (final and auxiliary) and the target;</item>
/// <item><see cref="LossKind.JaccardDistance"/>, <see cref="LossKind.SoftDice"/>: a loss of the final logits and the target;</item>
/// <item><see cref="LossKind.NllPlusEndPointError"/>: SLSDeep's negative log-likelihood plus end-point error on the final logits.</item>
/// </list>
/// A kind with no function is an error when asked for, naming the kinds that are available.
/// </summary>
public sealed class LossFactory
{
    private readonly Dictionary<LossKind, SegmentationLoss> losses;

    /// <param name="otherLosses">The losses of the kinds other than <see cref="LossKind.CrossEntropy"/>; each a defined <see cref="LossKind"/>.</param>
    public LossFactory(IReadOnlyDictionary<LossKind, SegmentationLoss> otherLosses)
    {
        ArgumentNullException.ThrowIfNull(otherLosses);
        losses = new Dictionary<LossKind, SegmentationLoss> { [LossKind.CrossEntropy] = CrossEntropyLoss.Loss };
        foreach (var (kind, loss) in otherLosses)
        {
            if (!Enum.IsDefined(kind))
                throw new ArgumentOutOfRangeException(nameof(otherLosses), kind, $"not a {nameof(LossKind)}; expected one of {string.Join(", ", Enum.GetNames<LossKind>())}.");
            if (kind == LossKind.CrossEntropy)
                throw new ArgumentException($"{nameof(LossKind.CrossEntropy)} is built in and cannot be replaced.", nameof(otherLosses));
            losses[kind] = loss ?? throw new ArgumentNullException(nameof(otherLosses), $"the loss for {kind} is null.");
        }
    }

    /// <summary>
    /// Every model's own loss with the papers' settings: NLCEN eq. 5 with λ = 0.25, CDNN's Jaccard distance, InvertedNet's soft Dice,
    /// SLSDeep's NLL (cross-entropy on log-softmax) + <see cref="EndPointErrorLoss.SlsDeepWeight"/> · EPE.
    /// </summary>
    public static LossFactory Paper { get; } = new(new Dictionary<LossKind, SegmentationLoss>
    {
        [LossKind.DeepSupervision] = new DeepSupervisionLoss().Compute,
        [LossKind.JaccardDistance] = (outputs, target) => new JaccardDistanceLoss().Compute(outputs.Logits, target),
        [LossKind.SoftDice] = (outputs, target) => new SoftDiceLoss().Compute(outputs.Logits, target),
        [LossKind.NllPlusEndPointError] = (outputs, target) =>
            CrossEntropyLoss.Compute(outputs.Logits, target) + EndPointErrorLoss.SlsDeepWeight * new EndPointErrorLoss().Compute(outputs.Logits, target),
    });

    /// <summary>The kinds this factory can build, in enum order.</summary>
    public IReadOnlyList<LossKind> Kinds => losses.Keys.Order().ToList();

    /// <summary>The loss of <paramref name="kind"/>; throws <see cref="ArgumentException"/> listing <see cref="Kinds"/> when it has none.</summary>
    public SegmentationLoss Create(LossKind kind) => losses.TryGetValue(kind, out var loss)
        ? loss
        : throw new ArgumentException(
            $"no loss is registered for {kind}; this factory has {string.Join(", ", Kinds)}.", nameof(kind));
}
