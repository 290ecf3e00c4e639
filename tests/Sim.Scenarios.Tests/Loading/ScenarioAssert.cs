using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Loads scenario text named <see cref="File"/> and checks where and why it was rejected.</summary>
internal static class ScenarioAssert
{
    /// <summary>The file name every rejected text is loaded under.</summary>
    public const string File = "bad.yaml";

    /// <summary>
    /// Asserts that <paramref name="yaml"/> is rejected at <paramref name="line"/>:<paramref name="column"/> with a
    /// problem containing every one of <paramref name="phrases"/>, and that the message is <c>file:line:column: problem</c>.
    /// </summary>
    public static ScenarioException RejectedAt(string yaml, int line, int column, params string[] phrases)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadText(yaml, File));
        Assert.Equal(File, error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        foreach (string phrase in phrases)
            Assert.True(error.Problem.Contains(phrase, StringComparison.Ordinal), $"'{phrase}' is not in: {error.Problem}");
        Assert.Equal($"{File}:{line}:{column}: {error.Problem}", error.Message);
        return error;
    }
}
