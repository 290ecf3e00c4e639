namespace Sim.Cli.Tests.BadInput;

/// <summary>
/// One bad input given to the real command line: the arguments (<c>{dir}</c> stands for the case's sandbox), the files
/// written into the sandbox first, where the error must point (<c>file:line:column</c> or an option's name) and a
/// phrase of what it must say was expected. Every case must exit 2, print no stack trace and change no file that
/// existed before it ran.
/// </summary>
/// <param name="Id">A short stable name (the row of docs/bad-input.md).</param>
/// <param name="Input">What is wrong, in words, for the table.</param>
/// <param name="Args">The command line, with <c>{dir}</c> for the sandbox.</param>
/// <param name="Location">What the error must name: <c>{dir}/s.yaml:4:11</c>, an option such as <c>--out</c>, or a path.</param>
/// <param name="Expected">A phrase the message must contain (what was expected, or the problem).</param>
/// <param name="Files">Files to write into the sandbox (relative name, text), beside the standard ones.</param>
public sealed record BadInputCase(string Id, string Input, string[] Args, string Location, string Expected, IReadOnlyDictionary<string, string>? Files = null)
{
    /// <summary>xunit shows the id.</summary>
    public override string ToString() => Id;

    /// <summary>A case that checks the scenario <paramref name="yaml"/>, written as <c>s.yaml</c>, with <paramref name="command"/> (validate by default).</summary>
    public static BadInputCase Scenario(string id, string input, string yaml, string lineColumn, string expected, string command = "validate",
        IReadOnlyDictionary<string, string>? more = null)
    {
        var files = new Dictionary<string, string>(more ?? new Dictionary<string, string>()) { ["s.yaml"] = yaml };
        string[] args = command == "run" ? ["run", "{dir}/s.yaml", "--out", "{dir}/runout"] : [command, "{dir}/s.yaml"];
        return new BadInputCase(id, input, args, $"{{dir}}/s.yaml:{lineColumn}: ", expected, files);
    }

    /// <summary>A case of command-line arguments alone (the standard sandbox files only).</summary>
    public static BadInputCase Command(string id, string input, string location, string expected, params string[] args) =>
        new(id, input, args, location, expected);
}
