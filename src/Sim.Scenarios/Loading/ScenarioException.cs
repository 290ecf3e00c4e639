namespace Sim.Scenarios.Loading;

/// <summary>
/// A scenario file that cannot be used: a YAML syntax error, an unknown or missing key, a value of the wrong type or out
/// of range, a duplicate or undefined name. The only exception the scenario loader lets out for bad input.
/// <see cref="Exception.Message"/> reads <c>file:line:column: problem</c>, the form editors and terminals link to.
/// </summary>
public sealed class ScenarioException : Exception
{
    /// <summary>A problem at <paramref name="line"/>:<paramref name="column"/> (1-based; 0:0 for the file as a whole).</summary>
    public ScenarioException(string file, int line, int column, string problem)
        : this(file, line, column, problem, null)
    {
    }

    /// <summary>A problem found while reading another library's error, kept as <paramref name="inner"/>.</summary>
    public ScenarioException(string file, int line, int column, string problem, Exception? inner)
        : base($"{file}:{line}:{column}: {problem}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    private ScenarioException(string file, string problem, Exception? inner)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    /// <summary>
    /// A problem with the file as a whole (missing, a directory, unreadable): the message reads <c>file: problem</c>, and
    /// <see cref="Line"/> and <see cref="Column"/> are 0.
    /// </summary>
    public static ScenarioException OfFile(string file, string problem, Exception? inner = null) => new(file, problem, inner);

    /// <summary>The scenario file, as the caller named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the offending text; 0 when the problem is the file as a whole (e.g. not found).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the offending text; 0 when the problem is the file as a whole.</summary>
    public int Column { get; }

    /// <summary>What was found and what was expected, without the location.</summary>
    public string Problem { get; }
}
