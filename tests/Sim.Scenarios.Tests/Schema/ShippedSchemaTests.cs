using Sim.Scenarios.Loading;
using Sim.Scenarios.Schema;
using Sim.Tests.Shared;

namespace Sim.Scenarios.Tests.Schema;

/// <summary>
/// The shipped schema (issue 16) is what the readers' declarations generate now, every shipped scenario names it on its
/// first line and validates against it, and the loader accepts what the schema accepts there.
/// </summary>
public sealed class ShippedSchemaTests
{
    private const string SchemaLinePrefix = "# yaml-language-server: $schema=";

    /// <summary>Every shipped scenario, relative to the repository root.</summary>
    public static TheoryData<string> Scenarios()
    {
        string root = RepositoryPaths.Root();
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return data;
    }

    [Fact]
    public void The_shipped_schema_is_what_the_readers_generate()
    {
        string shipped = File.ReadAllText(RepositoryPaths.Of(ScenarioSchema.RepositoryPath)).ReplaceLineEndings("\n");
        Assert.True(shipped == ScenarioSchema.Generate(),
            $"{ScenarioSchema.RepositoryPath} is stale: a reader's keys changed. Regenerate it with `sim schema --out {ScenarioSchema.RepositoryPath}` " +
            "(dotnet run --project src/Sim.Cli -- schema --out schemas/scenario.schema.json) and commit it.");
    }

    [Fact]
    public void Generation_is_deterministic() => Assert.Equal(ScenarioSchema.Generate(), ScenarioSchema.Generate());

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_shipped_scenario_names_the_schema_on_its_first_line(string scenario)
    {
        string path = RepositoryPaths.Of(scenario);
        string first = File.ReadLines(path).First();
        Assert.StartsWith(SchemaLinePrefix, first);
        string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, first[SchemaLinePrefix.Length..]));
        Assert.Equal(Path.GetFullPath(RepositoryPaths.Of(ScenarioSchema.RepositoryPath)), target);
        Assert.True(File.Exists(target), $"{scenario}: {target} does not exist");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void A_shipped_scenario_validates_against_the_schema(string scenario)
    {
        var (valid, errors) = SchemaValidation.Check(File.ReadAllText(RepositoryPaths.Of(scenario)));
        Assert.True(valid, $"{scenario}:\n{string.Join("\n", errors)}");
    }
}
