using Sim.Devices.I2c;
using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Tests.I2c;

/// <summary>
/// One virtio-i2c requestq in a fresh guest: a split queue's driver and device halves and an <see cref="I2cAdapter"/>
/// over a standard-mode bus with temperature sensors at the given addresses. <see cref="Add"/> lays out one request
/// (header, buffer, status) from a data area on; <see cref="ServeAll"/> pops and serves every chain in order, as the
/// backend does, pushing each used element.
/// </summary>
internal sealed class I2cRig
{
    private const ulong Data = 0x20000;
    private readonly IDriverQueue _driver;
    private readonly IDeviceQueue _device;
    private ulong _next = Data;
    private long _token;

    public I2cRig(params byte[] sensors)
    {
        Memory = new GuestMemory("vm", 2UL << 20);
        DeviceMemory = new DirectDeviceMemory(Memory, "vm/i2c0", new AccessLog());
        var config = new QueueConfig(256, 0x1000, 0x3000, 0x4000, VirtioFeatures.Version1);
        _driver = Virtqueues.CreateDriver(Memory, config);
        _device = Virtqueues.CreateDevice(DeviceMemory, config, Sink) ?? throw new InvalidOperationException("queue refused");
        Adapter = new I2cAdapter(new I2cBus(I2cBusSpeed.Standard, sensors.Select(a => new I2cTemperatureSensor(a))));
    }

    public GuestMemory Memory { get; }
    public DirectDeviceMemory DeviceMemory { get; }
    public Blk.BlkRig.RecordingSink Sink { get; } = new();
    public I2cAdapter Adapter { get; }
    public List<I2cOutcome> Outcomes { get; } = new();

    /// <summary>Adds one request for 7-bit <paramref name="target"/>; returns where its status byte is.</summary>
    public ulong Add(byte target, uint flags, byte[] write, int readBytes = 0)
    {
        ulong header = Take(I2cLayout.OutHdr.Size), buffer = Take(Math.Max(write.Length, readBytes)), status = Take(1);
        var bytes = new byte[I2cLayout.OutHdr.Size];
        I2cRequest.WriteHeader(bytes, target, flags);
        Memory.Write(header, bytes);
        Memory.Write(buffer, write);
        Memory.Write(status, [0xEE]);
        bool read = (flags & I2cLayout.FlagMRd) != 0;
        BufferSpec h = new(header, I2cLayout.OutHdr.Size), b = new(buffer, (uint)(read ? readBytes : write.Length)), s = new(status, 1);
        BufferSpec[] readable = read || write.Length == 0 ? [h] : [h, b];
        BufferSpec[] writable = read && readBytes > 0 ? [b, s] : [s];
        Assert.True(_driver.TryAdd(readable, writable, ++_token));
        return status;
    }

    /// <summary>Serves every available chain in order; returns how many.</summary>
    public int ServeAll()
    {
        var chain = new DescriptorChain();
        int served = 0;
        while (_device.TryPop(chain))
        {
            var outcome = Adapter.Serve(chain, DeviceMemory);
            Outcomes.Add(outcome);
            _device.PushUsed(chain.Id, chain.DescriptorCount, outcome.UsedLength);
            served++;
        }
        Assert.Empty(Sink.Violations);
        return served;
    }

    public byte Byte(ulong address)
    {
        Span<byte> b = stackalloc byte[1];
        Memory.Read(address, b);
        return b[0];
    }

    private ulong Take(int length)
    {
        ulong at = _next;
        _next += ((ulong)Math.Max(length, 1) + 63) & ~63UL;
        return at;
    }
}
