using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;

namespace Sim.Cli.Commands;

/// <summary>Loads a scenario file for a command, turning every kind of bad input into one located message.</summary>
internal static class ScenarioInput
{
    /// <summary>The model, or null after writing <c>error: file:line:column: problem</c> to <paramref name="error"/>.</summary>
    public static ScenarioModel? TryLoad(string path, TextWriter error)
    {
        try
        {
            return ScenarioLoader.LoadFile(path);
        }
        catch (ScenarioException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }
}
