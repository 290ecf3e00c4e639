using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.Tests.Packed.Support;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Packed;

/// <summary>
/// Random packed ring images (<see cref="PackedRingImage"/>: random AVAIL/USED bits for each slot's lap, NEXT, WRITE,
/// INDIRECT, stray flags, ids, indirect tables) seen by a device at a random slot and wrap counter, which pops until
/// it finds nothing or breaks and then moves every byte of every chain it popped. It never throws; it pops only chains
/// whose every slot is available for its own lap (virtio 1.2, 2.8.1, 2.8.6, 2.8.15, 2.8.17); while popping it only
/// reads, and only the ring and the tables of such chains; it reads and writes only their buffers (writes only into
/// WRITE ones); and it stops without a finding only where the next head is not available (no silent stall).
/// </summary>
public sealed class PackedRingImagePropertyTests
{
    [Fact]
    public void The_device_touches_only_chains_that_are_entirely_available_and_never_throws()
    {
        int popped = 0, refusedForAvailability = 0;
        var property = Prop.ForAll(PackedRingImage.Generator.ToArbitrary(), image =>
        {
            string? failure = Run(image, out int chains, out bool availabilityFinding);
            popped += chains;
            if (availabilityFinding) refusedForAvailability++;
            return (failure is null).Label($"{failure}\n{image}");
        });
        Check.One(PropertyRuns.Config(1000), property);
        // The generator must exercise both sides of the rule, or the property proves little.
        Assert.True(popped > 300, $"only {popped} chains popped");
        Assert.True(refusedForAvailability > 50, $"only {refusedForAvailability} runs refused a chain for a descriptor not available");
    }

    private static string? Run(PackedRingImage image, out int chains, out bool availabilityFinding)
    {
        var world = PackedWorld.Create(image.Size, image.Indirect ? VirtioFeatures.IndirectDesc : 0);
        image.WriteInto(world);
        var device = world.DeviceAt(image.At(0));
        var offered = image.Offered();
        var rings = world.RingRanges.Select(r => new OfferedRange(r.Start, r.Length, Writable: false)).ToArray();

        var popped = new List<DescriptorChain>();
        int consumed = 0;
        chains = 0;
        availabilityFinding = false;
        while (popped.Count <= image.Size)
        {
            var chain = new DescriptorChain();
            if (!device.TryPop(chain)) break;
            if (!image.EntirelyAvailable(consumed, chain.DescriptorCount))
                return $"popped a chain of {chain.DescriptorCount} slots at {image.At(consumed)} that is not entirely available";
            consumed += chain.DescriptorCount;
            popped.Add(chain);
        }
        chains = popped.Count;
        if (popped.Count > image.Size) return "popped more chains than the ring has slots";
        availabilityFinding = world.Sink.Violations.Any(v => v.Rule == QueueRule.ChainDescriptorNotAvailable);
        if (!device.IsBroken && consumed < image.Size && image.IsAvailable(image.At(consumed)))
            return $"stopped without a finding at {image.At(consumed)}, whose head is available";

        int walkAccesses = world.Log.Accesses.Count;
        foreach (var access in world.Log.Accesses)
        {
            if (access.Kind == MemoryAccessKind.Write) return $"wrote [0x{access.Address:x}, +{access.Length}) while popping";
            if (!rings.Concat(offered).Any(r => r.Holds(access.Address, access.Length)))
                return $"read [0x{access.Address:x}, +{access.Length}) while popping: neither the ring nor an offered table";
        }

        foreach (var chain in popped)
        {
            chain.Read(world.DeviceMemory, 0, new byte[chain.ReadableLength]);
            chain.Write(world.DeviceMemory, 0, Enumerable.Repeat((byte)0xEE, (int)chain.WritableLength).ToArray());
        }
        foreach (var access in world.Log.Accesses.Skip(walkAccesses))
        {
            bool write = access.Kind == MemoryAccessKind.Write;
            if (!offered.Any(r => (!write || r.Writable) && r.Holds(access.Address, access.Length)))
                return $"{access.Kind} [0x{access.Address:x}, +{access.Length}) moving data: not an offered {(write ? "writable " : "")}buffer";
        }
        return null;
    }
}
