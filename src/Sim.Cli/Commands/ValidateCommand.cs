using System.CommandLine;
using Sim.Studies.Validation;

namespace Sim.Cli.Commands;

/// <summary>
/// <c>sim validate &lt;scenario.yaml&gt;</c>: exit 0 when the file is a valid scenario (every point of its sweep too) or a
/// valid validation experiment (<c>validation/*.yaml</c>, read as the experiment it is), 2 with a located error when not.
/// </summary>
internal static class ValidateCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file (YAML) to check." };
        var command = new Command("validate", "Check a scenario file without running it.") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (ExperimentLoader.DeclaresRole(path))
            {
                var model = ScenarioInput.TryLoad(path, error);
                if (model is null) return ExitCodes.BadInput;
                output.WriteLine($"{path}: valid validation experiment running scenario '{model.Name}' (sim fidelity --only compares its figures)");
                return ExitCodes.Ok;
            }
            var study = ScenarioInput.TryLoadStudy(parse.GetValue(file)!.ToString(), error);
            if (study is null) return ExitCodes.BadInput;
            string points = study.RunCount > 1 ? $" (a study of {study.Points.Count} point(s) x {study.Declaration.Replications} replication(s), every point valid)" : "";
            output.WriteLine($"{path}: valid scenario '{study.Scenario.Name}'{points}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
