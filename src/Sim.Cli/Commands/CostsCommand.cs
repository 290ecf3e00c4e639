using System.CommandLine;
using Sim.Cli.Output;
using Sim.Scenarios.Profiles;

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
            Description = $"A built-in cost profile ({string.Join(", ", CostProfileQuery.BuiltInNames)}) or a profile file (YAML).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write canonical JSON instead: every entry with its kind, value (seconds or bytes per second), range and provenance.",
        };
        var kind = new Option<string?>("--kind") { Description = "Only the entries of one provenance kind: source, derived, fitted or estimate." };
        kind.AcceptOnlyFromAmong([.. CostProfileView.KindOrder]);
        var command = new Command("costs", "List a cost profile's entries with what each value rests on.") { profile, json, kind };
        command.SetAction(parse =>
        {
            var loaded = CostProfileQuery.TryLoad(parse.GetValue(profile)!, out string? problem);
            if (loaded is null)
            {
                error.WriteLine($"error: {problem}");
                return ExitCodes.BadInput;
            }
            string? only = parse.GetValue(kind);
            if (parse.GetValue(json)) output.Write(CostsJson.Write(loaded, only));
            else CostsListing.Write(CostsListing.ConsoleFor(output), loaded, only);
            return ExitCodes.Ok;
        });
        return command;
    }
}
