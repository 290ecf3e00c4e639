using Sim.Devices.Gpio;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.Gpio;

/// <summary>
/// One virtio-gpio requestq in a fresh guest over a <see cref="GpioChip"/> with the given line names: <see cref="Send"/>
/// lays out a request and a response of the given size, serves it as the backend does and returns the outcome and the
/// response bytes as the guest sees them.
/// </summary>
internal sealed class GpioRig
{
    private readonly IDriverQueue _driver;
    private readonly IDeviceQueue _device;
    private ulong _next = 0x20000;
    private long _token;

    public GpioRig(params string[] names)
    {
        Memory = new GuestMemory("vm", 2UL << 20);
        DeviceMemory = new DirectDeviceMemory(Memory, "vm/gpio0", new AccessLog());
        var config = new QueueConfig(64, 0x1000, 0x2000, 0x3000, VirtioFeatures.Version1);
        _driver = Virtqueues.CreateDriver(Memory, config);
        _device = Virtqueues.CreateDevice(DeviceMemory, config, Sink) ?? throw new InvalidOperationException("queue refused");
        Chip = new GpioChip(names);
    }

    public GuestMemory Memory { get; }
    public DirectDeviceMemory DeviceMemory { get; }
    public Blk.BlkRig.RecordingSink Sink { get; } = new();
    public GpioChip Chip { get; }

    /// <summary>Sends <paramref name="request"/> bytes with a response buffer of <paramref name="responseBytes"/> (pre-filled 0xEE).</summary>
    public (GpioOutcome Outcome, byte[] Response) Send(byte[] request, int responseBytes = 2, bool irqFeature = true)
    {
        ulong req = Take(request.Length), resp = Take(responseBytes);
        Memory.Write(req, request);
        Memory.Write(resp, Enumerable.Repeat((byte)0xEE, responseBytes).ToArray());
        Assert.True(_driver.TryAdd([new BufferSpec(req, (uint)request.Length)], [new BufferSpec(resp, (uint)responseBytes)], ++_token));
        var chain = new DescriptorChain();
        Assert.True(_device.TryPop(chain));
        var outcome = Chip.Serve(chain, DeviceMemory, irqFeature);
        _device.PushUsed(chain.Id, chain.DescriptorCount, outcome.UsedLength);
        var bytes = new byte[responseBytes];
        Memory.Read(resp, bytes);
        Assert.Empty(Sink.Violations);
        return (outcome, bytes);
    }

    /// <summary>Sends <paramref name="message"/> encoded.</summary>
    public (GpioOutcome Outcome, byte[] Response) Send(GpioMessage message, bool irqFeature = true)
    {
        var bytes = new byte[GpioLayout.Request.Size];
        message.Encode(bytes);
        return Send(bytes, message.ResponseBytes(Chip.Names.Length), irqFeature);
    }

    private ulong Take(int length)
    {
        ulong at = _next;
        _next += ((ulong)Math.Max(length, 1) + 63) & ~63UL;
        return at;
    }
}
