namespace Sim.Devices.Blk;

/// <summary>Why a chain is not a valid virtio-blk request (virtio 1.2, 5.2.6), and the status the device answers with.</summary>
public enum BlkParseError
{
    /// <summary>The request is valid.</summary>
    None,
    /// <summary>No writable byte for the status: nothing can be answered; a finding only (used length 0).</summary>
    NoStatusByte,
    /// <summary>Fewer than 16 readable bytes: no complete <c>virtio_blk_outhdr</c>. IOERR.</summary>
    HeaderTooShort,
    /// <summary>The access path refused a buffer: the caller reports a refused buffer; no status is written.</summary>
    BufferRefused,
    /// <summary>A type the device does not implement or did not negotiate, or a flag it does not allow. UNSUPP.</summary>
    Unsupported,
    /// <summary>Data in the wrong direction for the type (readable data for IN, writable data for OUT, any data for FLUSH). IOERR.</summary>
    DataDirection,
    /// <summary>IN / OUT data not a multiple of 512 bytes, or range data not a multiple of 16 bytes (or empty). IOERR.</summary>
    DataLength,
    /// <summary>A sector range reaching past the capacity. IOERR.</summary>
    SectorOutOfRange,
    /// <summary>A write (OUT, DISCARD, WRITE_ZEROES, SECURE_ERASE) to a device offering VIRTIO_BLK_F_RO. IOERR.</summary>
    ReadOnly,
}

/// <summary>The status byte for each <see cref="BlkParseError"/>.</summary>
public static class BlkParseErrors
{
    /// <summary>
    /// The status the device writes for <paramref name="error"/>: UNSUPP for an unsupported type or flag, IOERR for every
    /// other bad request, OK for none; null when no status can be written (no status byte, refused buffer).
    /// </summary>
    public static byte? StatusFor(BlkParseError error) => error switch
    {
        BlkParseError.None => BlkLayout.StatusOk,
        BlkParseError.NoStatusByte or BlkParseError.BufferRefused => null,
        BlkParseError.Unsupported => BlkLayout.StatusUnsupported,
        _ => BlkLayout.StatusIoError,
    };
}
