using Sim.Core.Costs;
using Sim.Hypervisors.Costs;

namespace Sim.Devices.Gpu;

/// <summary>
/// What virtio-gpu 2D work costs beyond the virtqueue (<see cref="Common.RingCosts"/>), from the cost profile (virtio
/// 1.2, 5.7.6.8): <c>gpu.backend.command</c>, the device's handling of one controlq or cursorq command (QEMU's
/// <c>virtio_gpu_process_cmdq</c>: copy-in, dispatch, resource lookup, response); <c>gpu.backend.transferBandwidth</c>,
/// the host's copy of a transfer's rows from the guest backing into the host resource; <c>gpu.guest.command</c>, the
/// guest driver's building of one command (Linux <c>virtio_gpu_queue_ctrl_buffer</c>: a vbuffer from its cache, the
/// scatter list, the queue lock); and <c>gpu.guest.drawBandwidth</c>, the guest compositor's software rendering of a
/// frame's changed rows into the backing.
/// </summary>
/// <param name="BackendCommand">Backend time per command.</param>
/// <param name="TransferBandwidth">The host's copy rate for transfers.</param>
/// <param name="GuestCommand">Guest vCPU time per command.</param>
/// <param name="DrawBandwidth">The guest's rendering rate.</param>
public sealed record GpuCosts(CostItem BackendCommand, CostRate TransferBandwidth, CostItem GuestCommand, CostRate DrawBandwidth)
{
    /// <summary>The profile entries <see cref="From"/> reads.</summary>
    public static readonly IReadOnlyList<string> Names = ["gpu.backend.command", "gpu.backend.transferBandwidth", "gpu.guest.command", "gpu.guest.drawBandwidth"];

    /// <summary>Resolves every cost from <paramref name="profile"/>; throws naming a missing entry.</summary>
    public static GpuCosts From(CostProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new GpuCosts(profile.CostOf(Names[0]), profile.RateOf(Names[1]), profile.CostOf(Names[2]), profile.RateOf(Names[3]));
    }
}
