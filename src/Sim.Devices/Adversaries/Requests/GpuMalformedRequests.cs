using System.Buffers.Binary;
using Sim.Core.Randomness;
using Sim.Devices.Gpu;

namespace Sim.Devices.Adversaries.Requests;

/// <summary>
/// virtio-gpu controlq requests for a hostile driver (virtio 1.2, 5.7.6.7-5.7.6.8): a <c>virtio_gpu_ctrl_hdr</c>-led
/// command, then room for the response. Well-formed: GET_DISPLAY_INFO, answered OK_DISPLAY_INFO. Garbage: a 2D command
/// type (or an unknown, 3D or blob one) with random flags, fence and context, a body of random bytes of any length and
/// room for a response of any size or none. RESOURCE_ATTACH_BACKING is left out: its body names guest memory by address,
/// which the hostile run's reachability check cannot know. An unknown or 3D type, a body too short for its struct or a
/// 2D command naming a 3D context must fail (ERR_UNSPEC and a finding); anything else may succeed or get an error
/// response (0x12xx); a response type outside those ranges is invalid.
/// </summary>
public sealed class GpuMalformedRequests : IMalformedRequests
{
    private static readonly uint[] Types =
    [
        GpuLayout.CmdGetDisplayInfo, GpuLayout.CmdResourceCreate2D, GpuLayout.CmdResourceUnref, GpuLayout.CmdSetScanout,
        GpuLayout.CmdResourceFlush, GpuLayout.CmdTransferToHost2D, GpuLayout.CmdResourceDetachBacking,
    ];

    private static readonly IReadOnlyDictionary<uint, int> Sizes = new Dictionary<uint, int>
    {
        [GpuLayout.CmdGetDisplayInfo] = GpuLayout.HeaderSize,
        [GpuLayout.CmdResourceCreate2D] = GpuLayout.ResourceCreate2D.Size,
        [GpuLayout.CmdResourceUnref] = GpuLayout.ResourceUnref.Size,
        [GpuLayout.CmdSetScanout] = GpuLayout.SetScanout.Size,
        [GpuLayout.CmdResourceFlush] = GpuLayout.ResourceFlush.Size,
        [GpuLayout.CmdTransferToHost2D] = GpuLayout.TransferToHost2D.Size,
        [GpuLayout.CmdResourceDetachBacking] = GpuLayout.ResourceDetachBacking.Size,
    };

    /// <inheritdoc />
    public ulong Features => 0;

    /// <inheritdoc />
    public int QueueCount => 2;

    /// <inheritdoc />
    public int RequestQueue => GpuLayout.ControlQueue;

    /// <inheritdoc />
    public HostileRequest WellFormed(ActorRandom random) =>
        new("well-formed", [GpuGetDisplayInfo.Create().Encode()], [GpuLayout.RespDisplayInfo.Size], Expectation.MustSucceed, true, Judge);

    /// <inheritdoc />
    public HostileRequest GarbageHeader(ActorRandom random)
    {
        uint type = random.Next(4) switch
        {
            0 => (uint)random.Next(),
            1 => (uint)random.Next(0x0200, 0x0210),
            _ => Types[random.Next(Types.Length)],
        };
        int size = Sizes.TryGetValue(type, out int known) ? known : GpuLayout.HeaderSize;
        int length = random.Next(3) == 0 ? random.Next(GpuLayout.HeaderSize, size + 1) : size + random.Next(0, 16);
        var request = RequestJudges.Bytes(random, length);
        BinaryPrimitives.WriteUInt32LittleEndian(request, type);
        bool context = random.Next(4) == 0;
        BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(GpuLayout.HeaderCtxIdOffset), context ? (uint)random.Next(1, int.MaxValue) : 0);
        int room = random.Next(6) switch { 0 => 0, 1 => random.Next(1, GpuLayout.HeaderSize), _ => GpuLayout.RespDisplayInfo.Size };
        bool mustFail = known == 0 || length < size || (context && type != GpuLayout.CmdGetDisplayInfo);
        return new HostileRequest("garbage-header", [request], room == 0 ? [] : [room], mustFail ? Expectation.MustFail : Expectation.Either, true, Judge,
            $"type 0x{type:x4}, {length} bytes, ctx {(context ? "set" : "0")}, {room} bytes of room");
    }

    /// <summary>The response header's type: 0x11xx success, 0x12xx an error, anything else invalid.</summary>
    private static Answer Judge(byte[] written, uint length)
    {
        if (length < GpuLayout.HeaderSize || written.Length < GpuLayout.HeaderSize) return Answer.NoAnswer;
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(written);
        return type is GpuLayout.RespOkNoData or GpuLayout.RespOkDisplayInfo ? Answer.Success
            : type is >= GpuLayout.RespErrUnspec and <= GpuLayout.RespErrInvalidParameter ? Answer.Error
            : Answer.Invalid;
    }
}
