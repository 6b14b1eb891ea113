using System.Globalization;
using System.Text;

namespace Nlce.Notebooks.Parameters;

/// <summary>
/// C# literals for parameter values. Strings become regular (non-verbatim) string literals in which every quote,
/// backslash, control character and line/paragraph separator is escaped, so the literal always ends at its closing
/// quote on the same line: no value can ever become code.
/// </summary>
public static class CSharpLiteral
{
    /// <summary>A double-quoted C# string literal for <paramref name="value"/>.</summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\0': text.Append("\\0"); break;
                default:
                    var pairedSurrogate = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                        : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' || (char.IsSurrogate(c) && !pairedSurrogate))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    /// <summary>A double literal that reads back to exactly <paramref name="value"/>.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value))
            return "double.NaN";
        if (double.IsPositiveInfinity(value))
            return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value))
            return "double.NegativeInfinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) < 0 ? text + ".0" : text;
    }

    /// <summary>A float literal.</summary>
    public static string Float(float value) =>
        float.IsFinite(value)
            ? value.ToString("R", CultureInfo.InvariantCulture) + "f"
            : throw new ArgumentOutOfRangeException(nameof(value), value, "not a finite float");

    /// <summary>A decimal literal.</summary>
    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture) + "m";
}
