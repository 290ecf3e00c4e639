using System.CommandLine;

namespace Sim.Cli.Commands;

/// <summary><c>sim validate &lt;scenario.yaml&gt;</c>: exit 0 when the file is a valid scenario, 2 with a located error when not.</summary>
internal static class ValidateCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML) to check." };
        var command = new Command("validate", "Check a scenario file without running it.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            var model = ScenarioInput.TryLoad(parse.GetValue(file)!.ToString(), error);
            if (model is null) return ExitCodes.BadInput;
            output.WriteLine($"{path}: valid scenario '{model.Name}'");
            return ExitCodes.Ok;
        });
        return command;
    }
}
