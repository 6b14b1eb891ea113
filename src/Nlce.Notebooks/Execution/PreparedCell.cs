using System.Text.RegularExpressions;

namespace Nlce.Notebooks.Execution;

/// <summary>
/// A cell's source split into what the kernel selector and directives say and the C# that Roslyn compiles
/// (research notes §4): a first line <c>#!csharp</c>/<c>#!fsharp</c>/... selects the kernel; <c>#r "nuget: X"</c> is
/// accepted for packages the runner carries and rejected otherwise; <c>#r</c> of an assembly the runner already
/// references (Nlce.dll, TorchSharp.dll, ...) uses the runner's copy; <c>#i</c> (package sources) is not needed;
/// <c>#!time</c> reports wall time. Handled lines are blanked, not removed, so compiler line numbers still match.
/// </summary>
public sealed partial class PreparedCell
{
    private PreparedCell(string? kernelSelector, string code, bool timed, IReadOnlyList<string> notes)
    {
        KernelSelector = kernelSelector;
        Code = code;
        Timed = timed;
        Notes = notes;
    }

    /// <summary>The kernel named by a leading <c>#!name</c> line, or null.</summary>
    public string? KernelSelector { get; }

    /// <summary>The C# to compile.</summary>
    public string Code { get; }

    /// <summary>Whether <c>#!time</c> asked for the wall time.</summary>
    public bool Timed { get; }

    /// <summary>Notes for the cell's stderr (e.g. a pinned package version the runner replaces with its own).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Prepares <paramref name="source"/>. <paramref name="hostAssemblyNames"/> are the simple names of the
    /// assemblies the runner references. Throws <see cref="CellDirectiveException"/> for a directive it cannot honour.
    /// </summary>
    public static PreparedCell Prepare(string source, IReadOnlySet<string> hostAssemblyNames)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(hostAssemblyNames);
        var lines = source.Split('\n');
        string? selector = null;
        var timed = false;
        var notes = new List<string>();
        var firstToken = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i].TrimEnd('\r');
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("//", StringComparison.Ordinal))
                continue;
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = trimmed[2..].Split(' ', 2)[0];
                if (!firstToken && selector is null && KernelNames().IsMatch(magic) && i == FirstNonBlankLine(lines))
                    selector = magic;
                else if (magic == "time")
                    timed = true;
                else
                    throw new CellDirectiveException(i + 1, trimmed,
                        "this magic command is not supported by the headless runner (supported: a first-line kernel selector such as #!csharp, and #!time)");
                lines[i] = "";
                continue;
            }
            if (!firstToken && trimmed.StartsWith("#i", StringComparison.Ordinal) && trimmed.Length > 2 && char.IsWhiteSpace(trimmed[2]))
            {
                lines[i] = "";
                continue;
            }
            if (!firstToken && trimmed.StartsWith("#r", StringComparison.Ordinal) && trimmed.Length > 2 && char.IsWhiteSpace(trimmed[2]))
            {
                var argument = ReferenceArgument().Match(trimmed);
                if (!argument.Success)
                    throw new CellDirectiveException(i + 1, trimmed, "expected #r \"nuget: Package[, Version]\" or #r \"path/to/assembly.dll\"");
                var value = argument.Groups[1].Value.Trim();
                if (value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    var (id, version) = ParseNugetReference(value, i + 1, trimmed);
                    if (!CarriedPackages.TryGet(id, out var providedBy))
                        throw new CellDirectiveException(i + 1, trimmed,
                            $"package '{id}' is not carried by the headless runner, which cannot download packages; carried: {string.Join(", ", CarriedPackages.Names)}");
                    if (version is not null)
                        notes.Add($"[nlce: #r \"nuget: {id}, {version}\" is served by the runner's own {providedBy}]");
                    lines[i] = "";
                    continue;
                }
                var assemblyName = Path.GetFileNameWithoutExtension(value);
                if (hostAssemblyNames.Contains(assemblyName))
                    lines[i] = "";
                continue;
            }
            firstToken = true;
        }
        return new PreparedCell(selector, string.Join('\n', lines), timed, notes);
    }

    private static int FirstNonBlankLine(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Trim().Length > 0)
                return i;
        return -1;
    }

    private static (string Id, string? Version) ParseNugetReference(string value, int line, string directive)
    {
        var body = value["nuget:".Length..];
        var comma = body.IndexOf(',');
        var id = (comma < 0 ? body : body[..comma]).Trim();
        var version = comma < 0 ? null : body[(comma + 1)..].Trim();
        if (id.Length == 0)
            throw new CellDirectiveException(line, directive, "the package name is missing");
        return (id, string.IsNullOrEmpty(version) ? null : version);
    }

    [GeneratedRegex("^(csharp|c#|C#|fsharp|f#|F#|pwsh|powershell|javascript|js|html|markdown|md|mermaid|sql|kql|value|http)$")]
    private static partial Regex KernelNames();

    [GeneratedRegex("^#r\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex ReferenceArgument();
}
