using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Sim.Cli.Tests.Layering;

/// <summary>A type of another assembly named in an assembly's metadata: the assembly, the type's namespace and full name.</summary>
public sealed record TypeUse(string Assembly, string Namespace, string TypeName);

/// <summary>
/// What one built assembly names of others, read from its metadata without loading it: its assembly references and
/// every type reference (<see cref="MetadataReader.TypeReferences"/>), which covers signatures, base types, attributes
/// and method bodies alike.
/// </summary>
public sealed record AssemblyUses(string Assembly, IReadOnlyList<string> References, IReadOnlyList<TypeUse> Types)
{
    /// <summary>Reads the assembly at <paramref name="path"/>.</summary>
    public static AssemblyUses Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();
        var types = md.TypeReferences.Select(h => ToUse(md, h)).OfType<TypeUse>().Distinct().ToList();
        return new AssemblyUses(md.GetString(md.GetAssemblyDefinition().Name), references, types);
    }

    private static TypeUse? ToUse(MetadataReader md, TypeReferenceHandle handle)
    {
        var reference = md.GetTypeReference(handle);
        var name = md.GetString(reference.Name);
        var outer = reference;
        while (outer.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            outer = md.GetTypeReference((TypeReferenceHandle)outer.ResolutionScope);
            name = md.GetString(outer.Name) + "+" + name;
        }
        if (outer.ResolutionScope.Kind != HandleKind.AssemblyReference) return null;
        var assembly = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)outer.ResolutionScope).Name);
        var ns = md.GetString(outer.Namespace);
        return new TypeUse(assembly, ns, ns.Length == 0 ? name : ns + "." + name);
    }
}
