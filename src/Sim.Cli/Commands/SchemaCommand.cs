using System.CommandLine;
using Sim.Cli.Output;
using Sim.Scenarios.Schema;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim schema [--out FILE]</c>: writes the JSON Schema of scenario files (<see cref="ScenarioSchema"/>, generated from
/// the scenario readers' key declarations) to standard output, or to FILE. The repository ships it as
/// <c>schemas/scenario.schema.json</c>; <c>sim schema --out schemas/scenario.schema.json</c> regenerates it after a
/// reader's keys change (issue 16). FILE follows the output-file rules of every command (<see cref="OutputLocation"/>):
/// replaced if it exists, parents created, a directory or an unwritable place refused with one line and exit 2.
/// </summary>
internal static class SchemaCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var outFile = new Option<FileInfo?>("--out")
        {
            Description = $"Write the schema to this file instead of standard output (the repository's copy is {ScenarioSchema.RepositoryPath}).",
        };
        var command = new Command("schema", "Write the JSON Schema of scenario files, for editors that complete and check keys.") { outFile };
        command.SetAction(parse =>
        {
            string schema = ScenarioSchema.Generate();
            if (parse.GetValue(outFile) is not { } file)
            {
                output.Write(schema);
                return ExitCodes.Ok;
            }
            string? path = OutputLocation.PrepareFile("--out", file.ToString(), error);
            if (path is null) return ExitCodes.BadInput;
            try
            {
                File.WriteAllText(path, schema);
            }
            catch (Exception e) when (OutputLocation.IsWriteFailure(e))
            {
                OutputLocation.ReportWriteFailure("--out", path, e, error);
                return ExitCodes.BadInput;
            }
            output.WriteLine($"wrote {file}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
