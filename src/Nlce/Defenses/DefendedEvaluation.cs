using Nlce.Attacks;
using Nlce.Models;
using static TorchSharp.torch;

namespace Nlce.Defenses;

/// <summary>
/// How a robustness evaluation defends the model and what the attacker knows (issue 5, "Evaluation, without fooling ourselves"):
/// an optional input <see cref="Transform"/> every scored image passes through (clean ones too, so the benign cost is measured),
/// attacked as <see cref="Attacker"/> says, and an optional transfer <see cref="Surrogate"/> (an undefended twin) on which the
/// adversarial examples are crafted instead of the evaluated model, a black-box check against gradient masking. <see cref="Key"/>
/// is the defense label of the result keys, so the rows of every setting coexist in one store: <c>fr</c>, <c>fr+bpda</c>,
/// <c>fr+eot</c>, <c>transfer:unet</c>, <c>fr+transfer:unet</c>.
/// </summary>
public sealed record DefendedEvaluation
{
    /// <summary>The input defense; null for none (a transfer-only evaluation).</summary>
    public IInputDefense? Transform { get; init; }

    /// <summary>How the attack treats <see cref="Transform"/>; default <see cref="AttackerAwareness.Ignore"/>.</summary>
    public AttackerAwareness Attacker { get; init; } = AttackerAwareness.Ignore;

    /// <summary>Draws of the transform per gradient and prediction under <see cref="AttackerAwareness.Eot"/> (≥ 1); default 10.</summary>
    public int EotSamples { get; init; } = 10;

    /// <summary>The name of <see cref="Surrogate"/> in the defense key (no blanks, no '+'); null without transfer.</summary>
    public string? SurrogateName { get; init; }

    /// <summary>The model the attacks are crafted on instead of the evaluated one (on the evaluation's device, same input channels
    /// and classes); null for white-box attacks.</summary>
    public SegmentationModel? Surrogate { get; init; }

    /// <summary>The defense label of the result keys: the transform's name, <c>+bpda</c> or <c>+eot</c> when the attacker adapts,
    /// and <c>transfer:&lt;surrogate&gt;</c>, joined by '+'.</summary>
    public string Key
    {
        get
        {
            var parts = new List<string>();
            if (Transform is not null)
                parts.Add(Transform.Name + Attacker switch
                {
                    AttackerAwareness.Bpda => "+bpda",
                    AttackerAwareness.Eot => "+eot",
                    _ => "",
                });
            if (Surrogate is not null)
                parts.Add($"transfer:{SurrogateName}");
            return string.Join("+", parts);
        }
    }

    /// <summary>Throws when the setting is empty or contradictory, naming the field.</summary>
    /// <exception cref="ArgumentException">No transform and no surrogate; an adaptive attacker without a transform; EOT on a
    /// deterministic transform; a surrogate without a name or a name without a surrogate; a malformed name.</exception>
    public DefendedEvaluation Validate()
    {
        if (Transform is null && Surrogate is null)
            throw new ArgumentException("a defended evaluation needs an input defense (Transform), a transfer surrogate (Surrogate), or both.", nameof(Transform));
        if (!Enum.IsDefined(Attacker))
            throw new ArgumentOutOfRangeException(nameof(Attacker), Attacker, $"expected one of {string.Join(", ", Enum.GetNames<AttackerAwareness>())}.");
        if (Transform is null && Attacker != AttackerAwareness.Ignore)
            throw new ArgumentException($"Attacker = {Attacker} adapts to an input defense, but Transform is null.", nameof(Attacker));
        if (Transform is not null)
            CheckName(Transform.Name, nameof(Transform));
        if (Attacker == AttackerAwareness.Eot && !Transform!.IsRandomized)
            throw new ArgumentException(
                $"EOT averages over the draws of a randomised defense, but '{Transform.Name}' is deterministic (every draw is the same); " +
                "use Attacker = Bpda for it.", nameof(Attacker));
        if (EotSamples < 1)
            throw new ArgumentOutOfRangeException(nameof(EotSamples), EotSamples, "EotSamples must be ≥ 1.");
        if ((Surrogate is null) != (SurrogateName is null))
            throw new ArgumentException("give Surrogate and SurrogateName together (the model the attacks are crafted on and its name in the key).",
                Surrogate is null ? nameof(Surrogate) : nameof(SurrogateName));
        if (SurrogateName is not null)
            CheckName(SurrogateName, nameof(SurrogateName));
        return this;
    }

    /// <summary>The model the attacks are crafted on: <see cref="Surrogate"/>, or <paramref name="evaluated"/> for white-box attacks.</summary>
    public SegmentationModel CraftingModel(SegmentationModel evaluated) => Surrogate ?? evaluated;

    /// <summary><paramref name="attack"/> as <see cref="Attacker"/> runs it: unchanged (ignore), wrapped in <see cref="Bpda"/>, or
    /// in <see cref="Eot"/> with identity backward passes.</summary>
    /// <exception cref="ArgumentException">BPDA or EOT around an attack that does not derive from <see cref="Attack"/>.</exception>
    public IAttack AttackFor(IAttack attack)
    {
        ArgumentNullException.ThrowIfNull(attack);
        if (Transform is null || Attacker == AttackerAwareness.Ignore)
            return attack;
        var template = attack as Attack ?? throw new ArgumentException(
            $"{Attacker} needs an attack built on Nlce.Attacks.Attack (it re-routes the attack's gradients); '{attack.Name}' is not.", nameof(attack));
        return Attacker == AttackerAwareness.Bpda
            ? new Bpda(template, Transform.Apply)
            : new Eot(template, Transform.Apply, new EotOptions { Samples = EotSamples, StraightThrough = true });
    }

    /// <summary>What the evaluated model sees for <paramref name="images"/>: the transform's output, or the images themselves.</summary>
    public Tensor Defend(Tensor images) => Transform is null ? images : Transform.Apply(images);

    private static void CheckName(string name, string field)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Any(char.IsWhiteSpace) || name.Contains('+', StringComparison.Ordinal))
            throw new ArgumentException($"{field} name '{name}' must be non-empty, without blanks or '+' (it becomes part of the defense key).", field);
    }
}
