using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Queues;
using Sim.Layouts;

namespace Sim.Devices.Common;

/// <summary>
/// The device-initialisation side of <see cref="VirtioDriver"/> (virtio 1.2, 3.1.1): checking the device type, starting
/// the transport with its features and queues, reading and writing the configuration space (every register access
/// trapped and charged through the driver's <see cref="TransportSession"/>), and naming the driver's buffers for traces.
/// </summary>
public abstract partial class VirtioDriver
{
    /// <summary>
    /// Reads DeviceID (one trapped access) and checks it is <paramref name="expected"/>; otherwise a
    /// <c>device-initialisation-failed</c> finding naming <paramref name="what"/> (virtio 1.2, 5) and false.
    /// </summary>
    protected bool IsDevice(uint expected, string what)
    {
        uint id = ReadDeviceId();
        if (id == expected) return true;
        ReportFinding("device-initialisation-failed", $"DeviceID {id}, expected {expected} ({what})", "virtio 1.2, 5");
        return false;
    }

    /// <summary>Reads the device type from the transport (its trapped accesses charged).</summary>
    protected uint ReadDeviceId() => _session.Charged(t => t.ReadDeviceType());

    /// <summary>
    /// Initialises the transport with one queue, asking for <paramref name="wanted"/> and refusing to run without
    /// <paramref name="required"/> (plus VIRTIO_F_ACCESS_PLATFORM when the platform restricts the device), charging
    /// every register access; false (and a finding) when the device cannot be driven.
    /// </summary>
    protected bool StartTransport(ulong wanted, ulong required, QueueSetup setup, ulong indirectArea, int maxIndirectEntries) =>
        StartTransport(wanted, required, [setup], indirectArea, maxIndirectEntries);

    /// <summary>
    /// As <see cref="StartTransport(ulong, ulong, QueueSetup, ulong, int)"/> with several queues (in index order,
    /// one per index from 0). <paramref name="indirectArea"/> serves the request queue.
    /// </summary>
    protected bool StartTransport(ulong wanted, ulong required, IReadOnlyList<QueueSetup> setups, ulong indirectArea, int maxIndirectEntries)
    {
        ArgumentNullException.ThrowIfNull(setups);
        if (setups.Count == 0) throw new ArgumentException("a device needs at least one queue", nameof(setups));
        var result = _session.Initialize(wanted, required, setups, _requestQueue, indirectArea, maxIndirectEntries, Id.Path);
        if (!result.Success)
        {
            ReportFinding("device-initialisation-failed", result.Reason ?? result.Failure.ToString(), "virtio 1.2, 3.1.1");
            return false;
        }
        NegotiatedFeatures = result.NegotiatedFeatures;
        Queue = Queues[_requestQueue];
        return true;
    }

    /// <summary>
    /// <see cref="StartTransport(ulong, ulong, IReadOnlyList{QueueSetup}, ulong, int)"/> as the simulated drivers call it:
    /// asking for VIRTIO_F_VERSION_1, the ring features the scenario chose (<paramref name="ringFeatures"/>, packed
    /// and EVENT_IDX) and the device type's <paramref name="deviceFeatures"/>; refusing to run without VERSION_1, the
    /// packed layout when it asked for it, and <paramref name="requiredDeviceFeatures"/>.
    /// </summary>
    protected bool StartRings(ulong ringFeatures, ulong deviceFeatures, ulong requiredDeviceFeatures, IReadOnlyList<QueueSetup> setups, ulong indirectArea, int maxIndirectEntries)
    {
        ulong wanted = VirtioFeatures.Version1 | ringFeatures | deviceFeatures;
        return StartTransport(wanted, requiredDeviceFeatures | (wanted & (VirtioFeatures.RingPacked | VirtioFeatures.Version1)), setups, indirectArea, maxIndirectEntries);
    }

    /// <summary>
    /// Names [<paramref name="start"/>, +<paramref name="length"/>) of guest memory as one of the driver's request, response
    /// or event buffers holding <paramref name="kind"/>'s structure, under the driver's path (<c>kvm/i2c0/driver/slot0/out-hdr</c>),
    /// so a trace records the writes into it and <c>sim explain</c> decodes them; it changes nothing else.
    /// </summary>
    protected void DeclareBuffer(string name, RegionKind kind, ulong start, ulong length) =>
        Memory.DeclareRegion($"{Id.Path}/{name}", kind, start, length);

    /// <summary>Reads configuration fields consistently (generation checked), charging every register access.</summary>
    protected T ReadConfig<T>(Func<IConfigReader, T> fields) => _session.Charged(t => t.ReadConfig(fields).Value);

    /// <summary>Writes a device-specific configuration field (a trapped access, charged), e.g. virtio-input's select (5.8.4).</summary>
    protected void WriteConfig(int offset, int width, uint value) => _session.Charged(t =>
    {
        t.WriteConfig(offset, width, value);
        return 0;
    });
}
