namespace Sim.Devices.Iommu;

/// <summary>
/// How the guest's virtio-iommu driver reaches the IOMMU device: requests in their wire layout (virtio 1.2, 5.13.6;
/// head, body, tail) go onto the device's request queue. Mirrors Linux <c>drivers/iommu/virtio-iommu.c</c>:
/// <see cref="Post"/> is <c>viommu_add_req</c> (adds a request without notifying), <see cref="Sync"/> is
/// <c>viommu_sync_req</c> (notifies, then waits until the device has answered everything posted).
/// </summary>
public interface IIommuRequestPort
{
    /// <summary>Requests posted and not yet answered.</summary>
    int Pending { get; }

    /// <summary>Adds one encoded request (head, body and a tail the device fills) to the request queue, without notifying.</summary>
    void Post(ReadOnlySpan<byte> request);

    /// <summary>
    /// Notifies the device and waits for every posted request; appends their statuses, in posting order, to
    /// <paramref name="statuses"/> and returns how many were answered.
    /// </summary>
    int Sync(List<byte> statuses);

    /// <summary>
    /// Sends one request and waits for its answer (Linux <c>viommu_send_req_sync</c>), after whatever was posted before
    /// it (their statuses are kept for the next <see cref="Sync"/>); copies the bytes the device wrote (a PROBE's
    /// properties, the tail) back into <paramref name="request"/> and returns its status.
    /// </summary>
    byte Call(Span<byte> request);
}

/// <summary>
/// A request port without a virtqueue: posted requests are kept in a list and executed by
/// <see cref="IommuDevice.Execute(Span{byte})"/> on <see cref="IIommuRequestPort.Sync"/>. For tests of the mechanism
/// above the ring; the product uses the virtqueue port of <c>Sim.Devices</c>.
/// </summary>
public sealed class DirectIommuPort(IommuDevice device) : IIommuRequestPort
{
    private readonly List<byte[]> _posted = new();
    private readonly List<byte> _held = new();

    /// <inheritdoc />
    public int Pending => _posted.Count + _held.Count;

    /// <inheritdoc />
    public void Post(ReadOnlySpan<byte> request) => _posted.Add(request.ToArray());

    /// <inheritdoc />
    public int Sync(List<byte> statuses)
    {
        int count = _held.Count + _posted.Count;
        statuses.AddRange(_held);
        _held.Clear();
        foreach (var request in _posted) statuses.Add(device.Execute(request));
        _posted.Clear();
        return count;
    }

    /// <inheritdoc />
    public byte Call(Span<byte> request)
    {
        foreach (var posted in _posted) _held.Add(device.Execute(posted));
        _posted.Clear();
        return device.Execute(request);
    }
}
