using System.Globalization;
using System.Text.RegularExpressions;

namespace Nlce.Data.Readers;

/// <summary>
/// A JSRT case name (reference notes §4.1): <c>JPCLN001</c>…<c>JPCLN154</c> (154 images with a nodule) and
/// <c>JPCNN001</c>…<c>JPCNN093</c> (93 without). Its number's parity decides the SCR fold (§4.2).
/// </summary>
public sealed partial record JsrtCaseName
{
    /// <summary>Number of JSRT images with a lung nodule.</summary>
    public const int NoduleCases = 154;

    /// <summary>Number of JSRT images without a nodule.</summary>
    public const int NonNoduleCases = 93;

    public JsrtCaseName(bool hasNodule, int number)
    {
        var last = hasNodule ? NoduleCases : NonNoduleCases;
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, last);
        HasNodule = hasNodule;
        Number = number;
    }

    public bool HasNodule { get; }
    public int Number { get; }

    /// <summary>The canonical name, e.g. <c>JPCLN007</c>.</summary>
    public string Name => $"JPC{(HasNodule ? "LN" : "NN")}{Number:D3}";

    /// <summary>SCR fold: odd numbers are fold 1, even numbers fold 2.</summary>
    public ScrFold Fold => Number % 2 == 1 ? ScrFold.Fold1 : ScrFold.Fold2;

    /// <summary>Reads a case name (case-insensitive, without extension); false if it is not one of the 247 names.</summary>
    public static bool TryParse(string text, out JsrtCaseName? name)
    {
        name = null;
        var match = Pattern().Match(text);
        if (!match.Success)
            return false;
        var hasNodule = match.Groups[1].Value.Equals("LN", StringComparison.OrdinalIgnoreCase);
        var number = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        if (number < 1 || number > (hasNodule ? NoduleCases : NonNoduleCases))
            return false;
        name = new JsrtCaseName(hasNodule, number);
        return true;
    }

    public override string ToString() => Name;

    [GeneratedRegex("^JPC(LN|NN)([0-9]{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
