namespace Sim.Scenarios.Schema;

/// <summary>
/// One key a reader asks for: its name, the shape of its value, whether it is required and what it means (shown by
/// editors). Declared beside the reader that reads it (issue 16).
/// </summary>
internal sealed record KeyShape(string Name, ValueShape Value, string Description, bool Required = false)
{
    /// <summary>A required key.</summary>
    public static KeyShape Must(string name, ValueShape value, string description) => new(name, value, description, Required: true);

    /// <summary>An optional key.</summary>
    public static KeyShape May(string name, ValueShape value, string description) => new(name, value, description);
}
