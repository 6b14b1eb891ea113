using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Nlce.Notebooks.Parameters;

/// <summary>
/// A variable declared in the cell tagged <c>parameters</c>: its name and C# type, or why the type is not one the
/// runner can inject (<see cref="Unsupported"/>).
/// </summary>
public sealed record DeclaredParameter(string Name, ParameterType? Type, string? Unsupported);

/// <summary>
/// Reads the variables a <c>parameters</c> cell declares, with Roslyn's parser, so injected values get the declared
/// type (<c>double eps = 8;</c> stays a double) and an unknown parameter name is an error rather than a silently unused
/// variable (REQ-RUN-1). <c>var</c> declarations take the type of their literal initializer.
/// </summary>
public static class ParameterDeclarations
{
    /// <summary>The declarations in <paramref name="source"/>, by name, in order of appearance.</summary>
    public static IReadOnlyDictionary<string, DeclaredParameter> Read(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        var declared = new Dictionary<string, DeclaredParameter>(StringComparer.Ordinal);
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null)
                continue;
            foreach (var variable in declaration.Variables)
            {
                var name = variable.Identifier.ValueText;
                declared[name] = declaration.Type.IsVar
                    ? Infer(name, variable.Initializer?.Value)
                    : ParameterType.TryParse(declaration.Type.ToString()) is { } type
                        ? new DeclaredParameter(name, type, null)
                        : new DeclaredParameter(name, null, $"its declared type {declaration.Type} is not one the runner can inject");
            }
        }
        return declared;
    }

    private static DeclaredParameter Infer(string name, ExpressionSyntax? initializer)
    {
        var type = initializer switch
        {
            LiteralExpressionSyntax literal => LiteralType(literal),
            PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken, Operand: LiteralExpressionSyntax literal } => LiteralType(literal),
            ArrayCreationExpressionSyntax array when ParameterType.TryParse(array.Type.ElementType.ToString()) is { IsArray: false } element
                && array.Type.RankSpecifiers.Count == 1 => element with { IsArray = true },
            ImplicitArrayCreationExpressionSyntax implicitArray
                when implicitArray.Initializer.Expressions.FirstOrDefault() is LiteralExpressionSyntax first && LiteralType(first) is { } element
                => element with { IsArray = true },
            _ => null,
        };
        return type is not null
            ? new DeclaredParameter(name, type, null)
            : new DeclaredParameter(name, null, "it is declared with var and an initializer whose type is not a literal; give it an explicit type");
    }

    private static ParameterType? LiteralType(LiteralExpressionSyntax literal)
    {
        ParameterScalarType? scalar = literal.Token.Value switch
        {
            int => ParameterScalarType.Int,
            long => ParameterScalarType.Long,
            double => ParameterScalarType.Double,
            float => ParameterScalarType.Float,
            decimal => ParameterScalarType.Decimal,
            bool => ParameterScalarType.Bool,
            string => ParameterScalarType.String,
            _ => null,
        };
        return scalar is { } s ? new ParameterType(s, false) : null;
    }
}
