using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Nlce.Notebooks.Format;
using Nlce.Notebooks.Parameters;

namespace Nlce.Notebooks.Tests.Parameters;

public class ParameterTests
{
    public static TheoryData<string, ParameterValue> CommandLineValues => new()
    {
        { "epochs=8", new IntegerValue(8) },
        { "epsilon=0.5", new DoubleValue(0.5) },
        { "epsilon=1e-3", new DoubleValue(0.001) },
        { "big=9007199254740993", new IntegerValue(9007199254740993) },
        { "flag=true", new BooleanValue(true) },
        { "dataset=jsrt", new StringValue("jsrt") },
        { "quoted=\"8\"", new StringValue("8") },
        { "empty=", new StringValue("") },
        { "spaces=two words", new StringValue("two words") },
        { "equals=a=b", new StringValue("a=b") },
    };

    [Theory]
    [MemberData(nameof(CommandLineValues))]
    public void Command_line_values_keep_their_type(string assignment, ParameterValue expected)
    {
        var parameter = ParameterParser.ParseAssignment(assignment);
        Assert.Equal(assignment[..assignment.IndexOf('=')], parameter.Name);
        Assert.Equal(expected, parameter.Value);
    }

    [Fact]
    public void Arrays_parse_element_by_element()
    {
        var array = Assert.IsType<ArrayValue>(ParameterParser.ParseAssignment("eps=[1, 2.5, 4]").Value);
        Assert.Equal([new IntegerValue(1), new DoubleValue(2.5), new IntegerValue(4)], array.Items);
    }

    [Theory]
    [InlineData("noequals", "name=value")]
    [InlineData("1abc=2", "not a C# identifier")]
    [InlineData("class=2", "not a C# identifier")]
    [InlineData("x=null", "null is not a supported value")]
    [InlineData("x=[1, \"a\"]", "array mixes")]
    [InlineData("x=[[1]]", "nested arrays")]
    [InlineData("x={\"a\": 1}", "JSON object is not supported")]
    public void Bad_assignments_are_rejected_naming_the_problem(string assignment, string expected)
    {
        var error = Record.Exception(() => ParameterParser.ParseAssignment(assignment));
        Assert.True(error is ArgumentException or NotebookParameterException, error?.GetType().Name);
        Assert.Contains(expected, error!.Message);
    }

    [Theory]
    [InlineData("double epsilon = 4.0;", "epsilon", "8", "double epsilon = 8.0;")]
    [InlineData("int epochs = 3;", "epochs", "5", "int epochs = 5;")]
    [InlineData("var epochs = 3;", "epochs", "5", "int epochs = 5;")]
    [InlineData("var rate = 0.1;", "rate", "1", "double rate = 1.0;")]
    [InlineData("long seed = 1L;", "seed", "42", "long seed = 42L;")]
    [InlineData("float scale = 1f;", "scale", "0.5", "float scale = 0.5f;")]
    [InlineData("decimal price = 1m;", "price", "2.25", "decimal price = 2.25m;")]
    [InlineData("bool augment = false;", "augment", "true", "bool augment = true;")]
    [InlineData("var name = \"a\";", "name", "hello", "string name = \"hello\";")]
    [InlineData("string run = \"a\";", "run", "123", "string run = \"123\";")]
    [InlineData("string[] models = { \"unet\" };", "models", "[\"nlcen\", \"unet\"]", "string[] models = new string[] { \"nlcen\", \"unet\" };")]
    [InlineData("var eps = new[] { 1.0 };", "eps", "[2, 4]", "double[] eps = new double[] { 2.0, 4.0 };")]
    [InlineData("int[] sizes = new int[0];", "sizes", "[]", "int[] sizes = System.Array.Empty<int>();")]
    [InlineData("System.Double d = 0;", "d", "3", "double d = 3.0;")]
    public void Injected_values_take_the_declared_type(string declaration, string name, string value, string expected)
    {
        var declarations = ParameterDeclarations.Read(declaration);
        var rendered = CSharpParameterRenderer.Render([new NotebookParameter(name, ParameterParser.ParseValue(name, value))], declarations);
        Assert.Equal(CSharpParameterRenderer.Header + "\n" + expected, rendered);
    }

    [Theory]
    [InlineData("int epochs = 3;", "epochs", "2.5", "expects int; got the number 2.5")]
    [InlineData("int epochs = 3;", "epochs", "abc", "expects int; got the string \"abc\"")]
    [InlineData("bool b = true;", "b", "1", "expects bool; got the integer 1")]
    [InlineData("double[] e = { 1 };", "e", "2", "expects double[]; got the single value")]
    [InlineData("Epsilons e = new();", "e", "2", "its declared type Epsilons is not one the runner can inject")]
    [InlineData("var e = Compute();", "e", "2", "declared with var")]
    [InlineData("int small = 1;", "small", "3000000000", "expects int; got the integer 3000000000")]
    public void Values_that_do_not_fit_the_declaration_are_rejected(string declaration, string name, string value, string expected)
    {
        var error = Assert.Throws<NotebookParameterException>(() =>
            CSharpParameterRenderer.Render([new NotebookParameter(name, ParameterParser.ParseValue(name, value))], ParameterDeclarations.Read(declaration)));
        Assert.Equal(name, error.Parameter);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("\"; System.Environment.Exit(3); //")]
    [InlineData("line1\nline2\r\n\"); Environment.Exit(4); (\"")]
    [InlineData("\\\"; Environment.Exit(5); //")]
    [InlineData("sep\u2028arator\u2029\u0085 end")]
    [InlineData("\"\"\" raw \"\"\"")]
    [InlineData("{0} $\"{Environment.Exit(6)}\"")]
    [InlineData("nul\0 and emoji 😀 and lone \ud800")]
    public void Hostile_strings_stay_one_string_literal(string hostile)
    {
        var rendered = CSharpParameterRenderer.Render([new NotebookParameter("name", new StringValue(hostile))], null);
        var tree = CSharpSyntaxTree.ParseText(rendered, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        Assert.Empty(tree.GetDiagnostics());
        var members = ((CompilationUnitSyntax)tree.GetRoot()).Members;
        var field = Assert.IsType<FieldDeclarationSyntax>(Assert.Single(members));
        var literal = Assert.IsType<LiteralExpressionSyntax>(Assert.Single(field.Declaration.Variables).Initializer!.Value);
        Assert.Equal(SyntaxKind.StringLiteralExpression, literal.Kind());
        Assert.Equal(hostile, literal.Token.ValueText);
        Assert.Equal(2, rendered.Split('\n').Length);
    }

    [Fact]
    public void Undeclared_values_get_the_type_of_their_value()
    {
        var rendered = CSharpParameterRenderer.Render(
        [
            new NotebookParameter("a", new IntegerValue(1)),
            new NotebookParameter("b", new IntegerValue(5_000_000_000)),
            new NotebookParameter("c", new DoubleValue(0.25)),
            new NotebookParameter("d", new ArrayValue([new IntegerValue(1), new DoubleValue(1.5)])),
        ], null);
        Assert.Equal(CSharpParameterRenderer.Header + "\nint a = 1;\nlong b = 5000000000L;\ndouble c = 0.25;\ndouble[] d = new double[] { 1.0, 1.5 };", rendered);
    }

    [Fact]
    public void Injection_goes_after_the_parameters_cell_and_replaces_an_earlier_one()
    {
        var notebook = NotebookDocument.CreatePolyglot();
        notebook.AddCell(NotebookCell.CreateMarkdown("m0", "# title"));
        notebook.AddCell(NotebookCell.CreateCode("p1", "int epochs = 1;\ndouble epsilon = 2;", [NotebookCell.ParametersTag]));
        notebook.AddCell(NotebookCell.CreateCode("c2", "epochs"));

        Assert.Empty(ParameterInjector.Inject(notebook, [new NotebookParameter("epochs", new IntegerValue(5))]));
        ParameterInjector.Inject(notebook, [new NotebookParameter("epsilon", new IntegerValue(8))]);

        Assert.Equal(4, notebook.Cells.Count);
        var injected = notebook.Cells[2];
        Assert.True(injected.HasTag(NotebookCell.InjectedParametersTag));
        Assert.EndsWith("double epsilon = 8.0;", injected.Source);
        Assert.DoesNotContain("epochs", injected.Source);
        Assert.Equal("csharp", injected.KernelName);
        Assert.Equal(8, notebook.Metadata["papermill"]!["parameters"]!["epsilon"]!.GetValue<long>());
        Assert.Null(notebook.Metadata["papermill"]!["parameters"]!["epochs"]);
    }

    [Fact]
    public void Without_a_parameters_cell_the_injection_goes_first_with_a_warning()
    {
        var notebook = NotebookDocument.CreatePolyglot();
        notebook.AddCell(NotebookCell.CreateCode("c0", "1"));
        var warnings = ParameterInjector.Inject(notebook, [new NotebookParameter("x", new BooleanValue(true))]);
        Assert.Contains("no cell tagged \"parameters\"", Assert.Single(warnings));
        Assert.True(notebook.Cells[0].HasTag(NotebookCell.InjectedParametersTag));
        Assert.EndsWith("bool x = true;", notebook.Cells[0].Source);
    }

    [Fact]
    public void Unknown_and_repeated_names_are_errors()
    {
        var notebook = NotebookDocument.CreatePolyglot();
        notebook.AddCell(NotebookCell.CreateCode("p0", "int epochs = 1;", [NotebookCell.ParametersTag]));
        var unknown = Assert.Throws<NotebookParameterException>(() => ParameterInjector.Inject(notebook, [new NotebookParameter("epoch", new IntegerValue(1))]));
        Assert.Contains("it declares: epochs", unknown.Message);
        Assert.Throws<NotebookParameterException>(() => ParameterInjector.Inject(notebook,
            [new NotebookParameter("epochs", new IntegerValue(1)), new NotebookParameter("epochs", new IntegerValue(2))]));
    }
}
