using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// Whether a submission produces a value, i.e. an <c>execute_result</c>. Roslyn keeps this rule internal
/// (<c>CSharpCompilation.HasSubmissionResult</c>, research notes §6): the submission has no syntax errors and either
/// has a top-level <c>return</c>, or ends with an expression statement whose semicolon is missing and whose type is
/// not void. Checked here on the public syntax tree and semantic model, so a trailing <c>null</c> still counts as a
/// result while <c>Console.WriteLine(x)</c> without a semicolon does not.
/// </summary>
public static class SubmissionResult
{
    /// <summary>Whether <paramref name="script"/>'s code ends in a value.</summary>
    public static bool HasValue(Script script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree is null || tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
            return false;
        var root = (CompilationUnitSyntax)tree.GetRoot();
        if (root.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax) || n is GlobalStatementSyntax)
                .OfType<ReturnStatementSyntax>().Any())
            return true;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).ConvertedType;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }
}
