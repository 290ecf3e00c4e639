namespace Sim.Devices.Tests.Scmi;

/// <summary>Hex notation for the byte-exact SCMI examples: spaces (grouping words) are ignored.</summary>
internal static class ScmiBytes
{
    /// <summary>The bytes of <paramref name="hex"/>, for example "07 4C 94 0A".</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
