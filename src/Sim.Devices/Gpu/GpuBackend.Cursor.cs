using Sim.Devices.Virtio.Queues;

namespace Sim.Devices.Gpu;

/// <summary>
/// The cursorq side of <see cref="GpuBackend"/> (virtio 1.2, 5.7.6.10): each chain is one UPDATE_CURSOR or MOVE_CURSOR,
/// used at once with nothing written. An update naming a resource that does not exist or is not 64 × 64 leaves the
/// cursor as it was and is a finding <c>gpu-cursor-invalid</c>; a chain that is not a cursor command is
/// <c>gpu-malformed-request</c>.
/// </summary>
public sealed partial class GpuBackend
{
    private readonly byte[] _cursorCommand = new byte[GpuLayout.UpdateCursor.Size];

    private void DrainCursor()
    {
        if (QueueFor(GpuLayout.CursorQueue) is not { IsBroken: false } queue) return;
        var commands = new Commands(this, cursor: true);
        queue.DrainAvailable(ref commands);
    }

    private bool ServeCursor(IDeviceQueue queue)
    {
        long token = Platform.BeginRequest();
        int readable = (int)Math.Min(_chain.ReadableLength, _cursorCommand.Length);
        long read = _chain.Read(Platform.Memory, 0, _cursorCommand.AsSpan(0, readable));
        if (read < 0) return Refused(queue, token);
        Spend(_costs.Copy(read));
        Spend(_gpuCosts.BackendCommand.Once);
        _commands.Increment();
        if (!GpuUpdateCursor.TryDecode(_cursorCommand.AsSpan(0, (int)read), out var command, out string problem))
        {
            _malformed.Increment();
            ReportFinding("gpu-malformed-request", $"cursorq chain {_chain.Id}: {problem}", GpuControlDevice.RequestSection);
        }
        else if (command!.IsMove) _cursorMoves.Increment();
        else if (command.ResourceId != 0 && (!_device.Table.Resources.TryGetValue(command.ResourceId, out var image)
                     || image.Width != GpuUpdateCursor.CursorSize || image.Height != GpuUpdateCursor.CursorSize))
            ReportFinding("gpu-cursor-invalid", $"UPDATE_CURSOR names resource {command.ResourceId}, which is not a {GpuUpdateCursor.CursorSize}x{GpuUpdateCursor.CursorSize} resource", "virtio 1.2, 5.7.6.10");
        else _cursorUpdates.Increment();
        Spend(Platform.TakeAccrued() + Platform.EndRequest(token));
        Spend(_costs.PushUsed);
        queue.PushUsed(_chain.Id, _chain.DescriptorCount, 0);
        if (queue.InterruptNeeded()) Interrupt(queue);
        return true;
    }
}
