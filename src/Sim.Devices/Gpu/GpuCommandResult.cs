namespace Sim.Devices.Gpu;

/// <summary>
/// What one controlq command came to (virtio 1.2, 5.7.6.7-5.7.6.8): the response type, the bytes a transfer moved from
/// the guest backing, the scanouts a flush updated, and for a request the device could not carry out because of what
/// the guest sent (not an ordinary error response), the problem and its spec section, which the backend reports as a
/// finding.
/// </summary>
/// <param name="Response">The response type (<c>VIRTIO_GPU_RESP_*</c>).</param>
/// <param name="Transferred">Bytes read from the guest backing (TRANSFER_TO_HOST_2D).</param>
/// <param name="Presented">Scanouts a RESOURCE_FLUSH updated.</param>
/// <param name="Problem">What was wrong with the request, or null.</param>
/// <param name="Section">The spec section the problem breaks.</param>
public readonly record struct GpuCommandResult(uint Response, long Transferred = 0, int Presented = 0, string? Problem = null, string? Section = null)
{
    /// <summary>Success with no data.</summary>
    public static GpuCommandResult Ok => new(GpuLayout.RespOkNoData);

    /// <summary>An error response of <paramref name="response"/> for an ordinary refusal (unknown id, bad rectangle).</summary>
    public static GpuCommandResult Error(uint response) => new(response);

    /// <summary>An error response of <paramref name="response"/> with a finding: <paramref name="problem"/> breaks <paramref name="section"/>.</summary>
    public static GpuCommandResult Finding(uint response, string problem, string section) => new(response, Problem: problem, Section: section);

    /// <summary>Whether the response is one of the OK types.</summary>
    public bool IsOk => Response is GpuLayout.RespOkNoData or GpuLayout.RespOkDisplayInfo;
}
