using System.CommandLine;
using Sim.Scenarios.Schema;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim schema [--out FILE]</c>: writes the JSON Schema of scenario files (<see cref="ScenarioSchema"/>, generated from
/// the scenario readers' key declarations) to standard output, or to FILE. The repository ships it as
/// <c>schemas/scenario.schema.json</c>; <c>sim schema --out schemas/scenario.schema.json</c> regenerates it after a
/// reader's keys change (issue 16). A FILE that cannot be written exits 2 with one line.
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
            try
            {
                File.WriteAllText(file.FullName, schema);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                string why = e is UnauthorizedAccessException ? "permission denied" : e.Message;
                error.WriteLine($"error: {file}: cannot be written ({why})");
                return ExitCodes.BadInput;
            }
            output.WriteLine($"wrote {file}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
