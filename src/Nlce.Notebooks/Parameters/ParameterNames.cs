using Microsoft.CodeAnalysis.CSharp;

namespace Nlce.Notebooks.Parameters;

/// <summary>Checks that a parameter name is a C# identifier (and not a keyword), so it can only ever name a variable.</summary>
public static class ParameterNames
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when <paramref name="name"/> is not usable.</summary>
    public static void Require(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.VarKeyword)
            throw new ArgumentException($"parameter name '{name}' is not a C# identifier; expected letters, digits and '_' not starting with a digit, and not a keyword.", nameof(name));
    }
}
