using System.Text;
using Sim.Core.Randomness;
using Sim.Core.Time;
using Sim.Devices.Virtio.Queues;
using Sim.Hypervisors.Memory;

namespace Sim.Devices.Blk;

/// <summary>What serving one chain did, plain data for metrics, findings and traces.</summary>
/// <param name="Error">Why the request was refused, or <see cref="BlkParseError.None"/>.</param>
/// <param name="Problem">The problem text (empty when <see cref="Error"/> is None).</param>
/// <param name="Request">The parsed request (null when parsing failed).</param>
/// <param name="Status">The status byte written, or null when none could be (no status byte, refused buffer).</param>
/// <param name="DataBytesWritten">Data bytes the device wrote into the chain (IN, GET_ID), status not included.</param>
public readonly record struct BlkOutcome(BlkParseError Error, string Problem, BlkRequest? Request, byte? Status, long DataBytesWritten)
{
    /// <summary>Whether the request was valid and completed with VIRTIO_BLK_S_OK.</summary>
    public bool Succeeded => Error == BlkParseError.None && Status == BlkLayout.StatusOk;
}

/// <summary>
/// The virtio-blk device's request handling without actors or timing side effects (virtio 1.2, 5.2.6): parse a chain,
/// carry it out against the <see cref="BlkStorage"/>, write data and the status byte, and say how long it takes and
/// how many bytes go in the used element's <c>len</c> (data written plus the status byte, as Linux expects). A request
/// that is refused still gets its status (IOERR or UNSUPP) when it has a status byte.
/// </summary>
public sealed class BlkDeviceLogic
{
    private readonly byte[] _id = new byte[BlkLayout.IdBytes];
    private readonly BlkRequestParser _parser;

    /// <summary>A device on <paramref name="storage"/> with <paramref name="features"/> negotiated and id string <paramref name="serial"/>.</summary>
    /// <param name="storage">The disk.</param>
    /// <param name="features">Negotiated device features (<see cref="BlkFeatures"/>).</param>
    /// <param name="serial">The GET_ID answer: ASCII, at most 20 bytes; NUL-padded to 20.</param>
    public BlkDeviceLogic(BlkStorage storage, ulong features, string serial)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(serial);
        if (!Ascii.IsValid(serial) || serial.Length > BlkLayout.IdBytes)
            throw new ArgumentException($"the device id must be ASCII of at most {BlkLayout.IdBytes} bytes, got '{serial}'", nameof(serial));
        Encoding.ASCII.GetBytes(serial, _id);
        Storage = storage;
        Serial = serial;
        _parser = new BlkRequestParser(storage.CapacitySectors, features);
    }

    /// <summary>The disk.</summary>
    public BlkStorage Storage { get; }

    /// <summary>The id string answered to GET_ID.</summary>
    public string Serial { get; }

    /// <summary>The negotiated features.</summary>
    public ulong Features => _parser.Features;

    /// <summary>
    /// Serves one popped chain: returns the bytes written into it (data + status byte) for the used element's len,
    /// <paramref name="serviceTime"/> (the storage's time; zero for a refused request) and the <paramref name="outcome"/>.
    /// Returns 0 when nothing could be answered: no status byte, or a buffer the access path refused
    /// (<see cref="BlkParseError.BufferRefused"/>; the caller reports the refused buffer).
    /// </summary>
    public uint Serve(DescriptorChain chain, IDeviceMemory memory, ActorRandom random, out SimTime serviceTime, out BlkOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(chain);
        serviceTime = SimTime.Zero;
        if (!_parser.TryParse(chain, memory, out var parsed, out var error, out string problem) || parsed is not { } request)
        {
            byte? status = BlkParseErrors.StatusFor(error);
            if (status is null)
            {
                outcome = new BlkOutcome(error, problem, null, null, 0);
                return 0;
            }
            outcome = WriteStatus(chain, memory, chain.WritableLength - BlkLayout.StatusSize, status.Value, null, 0, error, problem);
            return outcome.Status is null ? 0 : (uint)BlkLayout.StatusSize;
        }

        serviceTime = Storage.ServiceTime(request, random);
        long written = request.Type == BlkLayout.TypeGetId
            ? chain.Write(memory, request.DataOffset, _id.AsSpan(0, (int)Math.Min(request.DataLength, BlkLayout.IdBytes)))
            : Storage.Apply(request, chain, memory);
        if (written < 0)
        {
            outcome = new BlkOutcome(BlkParseError.BufferRefused, $"virtio-blk chain {chain.Id} ({request.TypeName}): the access path refused a data buffer", request, null, 0);
            return 0;
        }
        outcome = WriteStatus(chain, memory, request.StatusOffset, BlkLayout.StatusOk, request, written, BlkParseError.None, "");
        return outcome.Status is null ? 0 : checked((uint)(written + BlkLayout.StatusSize));
    }

    private static BlkOutcome WriteStatus(
        DescriptorChain chain, IDeviceMemory memory, long offset, byte status, BlkRequest? request, long written, BlkParseError error, string problem)
    {
        ReadOnlySpan<byte> bytes = [status];
        if (chain.Write(memory, offset, bytes) == BlkLayout.StatusSize)
            return new BlkOutcome(error, problem, request, status, written);
        string refused = $"virtio-blk chain {chain.Id}: the access path refused the status byte";
        return new BlkOutcome(BlkParseError.BufferRefused, problem.Length == 0 ? refused : $"{problem}; {refused}", request, null, written);
    }
}
