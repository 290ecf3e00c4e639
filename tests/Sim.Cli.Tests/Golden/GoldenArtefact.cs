using System.Security.Cryptography;
using System.Text;

namespace Sim.Cli.Tests.Golden;

/// <summary>
/// One frozen output: its <see cref="Kind"/> (what produced it), the scenario <see cref="Path"/> (relative to the
/// repository, forward slashes) and the exact <see cref="Text"/> the command writes; <see cref="Sha256"/> is the hex
/// SHA-256 of that text's UTF-8 bytes (no BOM), as the command writes it to its file.
/// </summary>
internal sealed record GoldenArtefact(string Kind, string Path, string Text)
{
    /// <summary>The key of the artefact in the hashes file: kind and path.</summary>
    public string Key => $"{Kind}  {Path}";

    /// <summary>Lower-case hex SHA-256 of the text's UTF-8 bytes.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));
}
