namespace Sim.Devices.Rpmb;

/// <summary>The request types a driver puts in <c>req_resp</c> ("RPMB Request Types", virtio 1.2, 5.12.6).</summary>
public enum RpmbRequestType : ushort
{
    /// <summary><c>VIRTIO_RPMB_REQ_PROGRAM_KEY</c>: program the one-time authentication key carried in <c>key_mac</c> (5.12.6, 5.12.6.1.1).</summary>
    ProgramKey = 0x0001,

    /// <summary><c>VIRTIO_RPMB_REQ_GET_WRITE_COUNTER</c>: read the write counter, answered with the nonce and a MAC (5.12.6, 5.12.6.1.2).</summary>
    GetWriteCounter = 0x0002,

    /// <summary><c>VIRTIO_RPMB_REQ_DATA_WRITE</c>: authenticated write of <c>block_count</c> blocks (5.12.6, 5.12.6.1.3).</summary>
    DataWrite = 0x0003,

    /// <summary><c>VIRTIO_RPMB_REQ_DATA_READ</c>: authenticated read of <c>block_count</c> blocks (5.12.6, 5.12.6.1.4).</summary>
    DataRead = 0x0004,

    /// <summary><c>VIRTIO_RPMB_REQ_RESULT_READ</c>: read the result of the last program-key or data-write (5.12.6, 5.12.6.1.5).</summary>
    ResultRead = 0x0005,
}
