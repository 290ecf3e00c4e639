using Sim.Scenarios.Model;

namespace Sim.Studies.Comparing;

/// <summary>
/// Input a comparison cannot use: a missing file, unreadable JSON, an unknown format, a point or baseline that does
/// not exist, a metric pattern that matches nothing. The message names the file or option and what was expected.
/// </summary>
public sealed class ComparisonInputException : Exception
{
    /// <summary>An input error with <paramref name="message"/>.</summary>
    public ComparisonInputException(string message) : base(message)
    {
    }

    /// <summary>An input error with <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public ComparisonInputException(string message, Exception inner) : base(message, inner)
    {
    }
}
