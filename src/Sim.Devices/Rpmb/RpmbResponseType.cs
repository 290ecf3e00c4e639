namespace Sim.Devices.Rpmb;

/// <summary>
/// The response types a device puts in <c>req_resp</c> ("RPMB Response Types", virtio 1.2, 5.12.6). Each is its
/// request type shifted left by eight bits; RESULT_READ has no response type of its own, it answers with the type of
/// the operation whose result it reads.
/// </summary>
public enum RpmbResponseType : ushort
{
    /// <summary><c>VIRTIO_RPMB_RESP_PROGRAM_KEY</c> (5.12.6, 5.12.6.1.1).</summary>
    ProgramKey = 0x0100,

    /// <summary><c>VIRTIO_RPMB_RESP_GET_COUNTER</c> (5.12.6, 5.12.6.1.2).</summary>
    GetCounter = 0x0200,

    /// <summary><c>VIRTIO_RPMB_RESP_DATA_WRITE</c> (5.12.6, 5.12.6.1.3).</summary>
    DataWrite = 0x0300,

    /// <summary><c>VIRTIO_RPMB_RESP_DATA_READ</c> (5.12.6, 5.12.6.1.4).</summary>
    DataRead = 0x0400,
}
