using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Packed.Support;

/// <summary>
/// An access path whose grant over one range can be taken away (a revoked grant, an IOMMU unmap): accesses touching
/// the revoked range are Denied without reaching guest memory; the rest go to <paramref name="inner"/>.
/// </summary>
internal sealed class RevocableDeviceMemory(IDeviceMemory inner) : IDeviceMemory
{
    private (ulong Start, ulong Length)? _revoked;

    public void Revoke(ulong start, ulong length) => _revoked = (start, length);

    public AccessVerdict Read(ulong address, Span<byte> destination) =>
        Touches(address, destination.Length) ? AccessVerdict.Denied : inner.Read(address, destination);

    public AccessVerdict Write(ulong address, ReadOnlySpan<byte> source) =>
        Touches(address, source.Length) ? AccessVerdict.Denied : inner.Write(address, source);

    private bool Touches(ulong address, int length) =>
        _revoked is { } r && address < r.Start + r.Length && address + (ulong)length > r.Start;
}
