namespace Sim.Devices.Rpmb;

/// <summary>
/// Byte layout of the virtio-rpmb device (virtio 1.2, 5.12): the 512-byte <c>struct virtio_rpmb_frame</c> of 5.12.6.1
/// and the 3-byte <c>struct virtio_rpmb_config</c> of 5.12.4. Hand-written from the specification text (there is no
/// Linux UAPI header to check against); the frame mirrors the eMMC RPMB data frame (JESD84-B51, 6.6.22) that 5.12
/// cites. The four multi-byte frame fields are big-endian (<c>be32</c>/<c>be16</c> in 5.12.6.1), unlike the rest of virtio.
/// The frame's size and field offsets are generated from src/Sim.Layouts/Wire/rpmb.layout.json, which the explain page
/// decodes frames with; the sizes and ranges derived from them are here.
/// </summary>
public static partial class RpmbLayout
{
    /// <summary>Virtio device id of the RPMB device (5.12.1).</summary>
    public const int DeviceId = 28;

    /// <summary>Index of the one virtqueue, requestq (5.12.2).</summary>
    public const int RequestQueue = 0;

    /// <summary>Length of <c>stuff</c> (5.12.6.1).</summary>
    public const int StuffSize = 196;

    /// <summary>Length of <c>key_mac</c>: a 256-bit key or an HMAC-SHA256 value (5.12.6.1).</summary>
    public const int KeyMacSize = 32;

    /// <summary>Length of <c>data</c>: "It's fixed 256B" (5.12.6.1).</summary>
    public const int DataSize = 256;

    /// <summary>Length of <c>nonce</c> (5.12.6.1).</summary>
    public const int NonceSize = 16;

    /// <summary>
    /// First byte of the MAC'd range of a frame. The MAC message is "the concatenation of the fields in the RPMB frames
    /// excluding stuff bytes and the MAC itself" (5.12.6.1, <c>key_mac</c>): <c>data</c> through <c>req_resp</c>.
    /// </summary>
    public const int MacMessageOffset = DataOffset;

    /// <summary>Length of the MAC'd range of one frame: 256 + 16 + 4 + 2 + 2 + 2 + 2 = 284 bytes (5.12.6.1).</summary>
    public const int MacMessageSize = FrameSize - MacMessageOffset;

    /// <summary>Size of one RPMB data block, a half sector (5.12.4, 5.12.6.1 <c>address</c>).</summary>
    public const int BlockSize = 256;

    /// <summary>Unit of <c>capacity</c> in the configuration space: 128 KiB (5.12.4).</summary>
    public const int CapacityUnit = 128 * 1024;

    /// <summary>Number of 256-byte blocks in one capacity unit (5.12.4).</summary>
    public const int BlocksPerCapacityUnit = CapacityUnit / BlockSize;

    /// <summary>Largest <c>capacity</c>: "The values MUST range between 0x00 and 0x80 inclusive", 16 MiB (5.12.4, 5.12.5).</summary>
    public const byte MaxCapacity = 0x80;

    /// <summary>Size of the authentication key: "the 256-bit RPMB authentication key" (5.12.6.1).</summary>
    public const int KeySize = 32;

    /// <summary>Offset of <c>u8 capacity</c> in <c>struct virtio_rpmb_config</c> (5.12.4).</summary>
    public const int ConfigCapacityOffset = 0;

    /// <summary>Offset of <c>u8 max_wr_cnt</c> in <c>struct virtio_rpmb_config</c> (5.12.4).</summary>
    public const int ConfigMaxWriteCountOffset = 1;

    /// <summary>Offset of <c>u8 max_rd_cnt</c> in <c>struct virtio_rpmb_config</c> (5.12.4).</summary>
    public const int ConfigMaxReadCountOffset = 2;

    /// <summary>Size of <c>struct virtio_rpmb_config</c>: three bytes (5.12.4).</summary>
    public const int ConfigSize = 3;
}
