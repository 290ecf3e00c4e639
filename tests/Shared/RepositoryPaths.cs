namespace Sim.Tests.Shared;

/// <summary>Where the repository is, for tests that read its scenarios and profiles: the folder above the test binaries holding Simulator.sln.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Simulator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Simulator.sln not found above the test binaries");
    }

    /// <summary>The full path of <paramref name="relative"/> (e.g. <c>scenarios/quickstart.yaml</c>) in the repository.</summary>
    public static string Of(string relative) => Path.Combine(Root(), relative);
}
