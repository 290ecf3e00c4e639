using System.CommandLine;
using Sim.Cli.Output;
using Sim.Hypervisors.Costs;
using Sim.Scenarios.Loading;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim costs &lt;profile&gt; [--json] [--kind source|derived|fitted|estimate]</c>: lists a cost profile (a built-in
/// name or a profile file) entry by entry with what each value rests on, grouped by provenance kind, so that an
/// architect can tell a measurement from a formula, a fit or an estimate (<see cref="CostsListing"/>; with
/// <c>--json</c>, <see cref="CostsJson"/>). A name that is neither a built-in profile nor a file, and a malformed file,
/// exit 2 with one line: the built-in names, or the loader's <c>file:line:column: problem</c>.
/// </summary>
internal static class CostsCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var profile = new Argument<string>("profile")
        {
            Description = $"A built-in cost profile ({string.Join(", ", CostProfileLoader.BuiltInNames)}) or a profile file (YAML).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write canonical JSON instead: every entry with its kind, value (seconds or bytes per second), range and provenance.",
        };
        var kind = new Option<string?>("--kind") { Description = "Only the entries of one provenance kind: source, derived, fitted or estimate." };
        kind.AcceptOnlyFromAmong(CostsListing.KindOrder.Select(CostProvenance.Name).ToArray());
        var command = new Command("costs", "List a cost profile's entries with what each value rests on.") { profile, json, kind };
        command.SetAction(parse =>
        {
            var loaded = TryLoad(parse.GetValue(profile)!, error);
            if (loaded is null) return ExitCodes.BadInput;
            ProvenanceKind? only = parse.GetValue(kind) is { } name
                ? CostsListing.KindOrder.Single(k => CostProvenance.Name(k) == name)
                : null;
            if (parse.GetValue(json)) output.Write(CostsJson.Write(loaded, only));
            else CostsListing.Write(CostsListing.ConsoleFor(output), loaded, only);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The built-in profile <paramref name="reference"/> or, failing that, the profile file at that path; null after
    /// writing a one-line error.
    /// </summary>
    private static CostProfile? TryLoad(string reference, TextWriter error)
    {
        if (CostProfileLoader.LoadBuiltIn(reference) is { } builtIn) return builtIn;
        string expected = $"expected a built-in profile ({string.Join(", ", CostProfileLoader.BuiltInNames)}) or a profile file";
        if (Directory.Exists(reference))
        {
            error.WriteLine($"error: {reference}: is a directory; {expected}");
            return null;
        }
        if (!File.Exists(reference))
        {
            bool pathLike = reference.IndexOfAny(['/', '\\']) >= 0 || Path.HasExtension(reference);
            error.WriteLine(pathLike
                ? $"error: {reference}: no such file; {expected}"
                : $"error: no cost profile '{reference}': {expected}");
            return null;
        }
        try
        {
            return CostProfileLoader.LoadText(File.ReadAllText(reference), reference);
        }
        catch (ScenarioException ex)
        {
            error.WriteLine($"error: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {reference}: cannot be read: {ex.Message}");
        }
        return null;
    }
}
