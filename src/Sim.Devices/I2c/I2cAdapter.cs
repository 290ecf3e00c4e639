using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.I2c;

/// <summary>
/// The virtio-i2c device's logic (virtio 1.2, 5.16.6), apart from its thread and costs: it serves popped chains in
/// order over its <see cref="I2cBus"/>, keeping the state of the current VIRTIO_I2C_FLAGS_FAIL_NEXT group. A request
/// continues the transaction of its predecessor with FAIL_NEXT (a repeated START on the bus) and ends it when it has no
/// FAIL_NEXT (STOP). Once a request of a group fails, every later one of the group fails without reaching the bus
/// (5.16.6.2: the device "needs to fail them instead of attempting to execute them"), so the statuses of a group are OK
/// up to the first failure and ERR from it on. Reserved flag bits or a 10-bit address answer VIRTIO_I2C_MSG_ERR (the
/// spec leaves the device's answer open; vhost-device-i2c refuses both as well). Plain state, owned by one backend.
/// </summary>
public sealed class I2cAdapter(I2cBus bus)
{
    private readonly I2cBus _bus = bus ?? throw new ArgumentNullException(nameof(bus));
    private readonly byte[] _status = new byte[I2cLayout.InHdr.Size];
    private byte[] _data = new byte[64];
    private bool _inGroup, _groupFailed;

    /// <summary>The bus behind the adapter.</summary>
    public I2cBus Bus => _bus;

    /// <summary>Forgets the current group (a device reset or queue stop).</summary>
    public void Reset() => _inGroup = _groupFailed = false;

    /// <summary>Serves <paramref name="chain"/> through <paramref name="memory"/>: reads it, runs it on the bus, writes a read's data and the status.</summary>
    public I2cOutcome Serve(DescriptorChain chain, IDeviceMemory memory)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var shape = I2cRequest.Read(chain, memory, out var request, out string problem);
        if (shape != I2cRequestShape.Valid) return new I2cOutcome(shape, problem, I2cResult.Rejected, 0, SimTime.Zero, 0);
        if (_data.Length < request.Length) _data = new byte[Math.Max(request.Length, 2 * _data.Length)];
        var data = _data.AsSpan(0, request.Length);
        I2cResult result;
        SimTime busTime = SimTime.Zero;
        int copied = 0;
        if (_groupFailed) result = I2cResult.FailedInGroup;
        else if ((request.Flags & ~I2cRequest.KnownFlags) != 0 || !request.IsSevenBit) result = I2cResult.Rejected;
        else
        {
            if (!request.IsRead)
            {
                if (chain.Read(memory, I2cLayout.OutHdr.Size, data) < 0) return Refused();
                copied += data.Length;
            }
            bool acknowledged = _bus.Transfer(request.TargetAddress, request.IsRead, data, _inGroup, !request.FailsNext, out busTime);
            result = acknowledged ? I2cResult.Ok : I2cResult.Nack;
            if (acknowledged && request.IsRead)
            {
                if (chain.Write(memory, 0, data) < 0) return Refused();
                copied += data.Length;
            }
        }
        int statusAt = request.IsRead ? request.Length : 0;
        _status[I2cLayout.InHdr.Status] = result == I2cResult.Ok ? I2cLayout.MsgOk : I2cLayout.MsgErr;
        if (chain.Write(memory, statusAt, _status) < 0) return Refused();
        if (result != I2cResult.Ok && request.FailsNext) _groupFailed = true;
        _inGroup = request.FailsNext;
        if (!_inGroup) _groupFailed = false;
        return new I2cOutcome(I2cRequestShape.Valid, "", result, (uint)(statusAt + I2cLayout.InHdr.Size), busTime, copied);
    }

    private static I2cOutcome Refused() => new(I2cRequestShape.Refused, "", I2cResult.Rejected, 0, SimTime.Zero, 0);
}
