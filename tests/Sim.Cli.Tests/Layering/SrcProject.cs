using System.Xml.Linq;
using Sim.Tests.Shared;

namespace Sim.Cli.Tests.Layering;

/// <summary>A project of the repository (under <c>src</c> or <c>tests</c>) and the assembly it builds.</summary>
public sealed record SrcProject(string Name, string AssemblyName, string ProjectFile)
{
    /// <summary>Every project under <c>src</c>.</summary>
    public static IReadOnlyList<SrcProject> UnderSrc() => Under("src");

    /// <summary>Every project under <c>tests</c>.</summary>
    public static IReadOnlyList<SrcProject> UnderTests() => Under("tests");

    /// <summary>The <c>ProjectReference</c> paths of this project's file, as written.</summary>
    public IReadOnlyList<string> ProjectReferences() =>
        XDocument.Load(ProjectFile).Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include") ?? "")
            .ToList();

    private static List<SrcProject> Under(string folder) =>
        Directory.GetFiles(RepositoryPaths.Of(folder), "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Read)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static SrcProject Read(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var assembly = XDocument.Load(file).Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault();
        return new SrcProject(name, string.IsNullOrEmpty(assembly) ? name : assembly, file);
    }
}
