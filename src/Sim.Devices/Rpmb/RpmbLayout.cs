namespace Sim.Devices.Rpmb;

/// <summary>
/// Byte layout of the virtio-rpmb device (virtio 1.2, 5.12): the 512-byte <c>struct virtio_rpmb_frame</c> of 5.12.6.1
/// and the 3-byte <c>struct virtio_rpmb_config</c> of 5.12.4. Hand-written from the specification text (there is no
/// Linux UAPI header to check against); the frame mirrors the eMMC RPMB data frame (JESD84-B51, 6.6.22) that 5.12
/// cites. The four multi-byte frame fields are big-endian (<c>be32</c>/<c>be16</c> in 5.12.6.1), unlike the rest of virtio.
/// </summary>
public static class RpmbLayout
{
    /// <summary>Virtio device id of the RPMB device (5.12.1).</summary>
    public const int DeviceId = 28;

    /// <summary>Index of the one virtqueue, requestq (5.12.2).</summary>
    public const int RequestQueue = 0;

    /// <summary>Size of one RPMB frame: "The frame is in size of 512B" (5.12.6.1).</summary>
    public const int FrameSize = 512;

    /// <summary>Offset of <c>u8 stuff[196]</c>, padding for the frame (5.12.6.1).</summary>
    public const int StuffOffset = 0;

    /// <summary>Length of <c>stuff</c> (5.12.6.1).</summary>
    public const int StuffSize = 196;

    /// <summary>Offset of <c>u8 key_mac[32]</c>: the key of a PROGRAM_KEY request, otherwise the MAC (5.12.6.1).</summary>
    public const int KeyMacOffset = StuffOffset + StuffSize;

    /// <summary>Length of <c>key_mac</c>: a 256-bit key or an HMAC-SHA256 value (5.12.6.1).</summary>
    public const int KeyMacSize = 32;

    /// <summary>Offset of <c>u8 data[256]</c>, one half sector of data (5.12.6.1).</summary>
    public const int DataOffset = KeyMacOffset + KeyMacSize;

    /// <summary>Length of <c>data</c>: "It's fixed 256B" (5.12.6.1).</summary>
    public const int DataSize = 256;

    /// <summary>Offset of <c>u8 nonce[16]</c>, echoed by the device in read and get-counter responses (5.12.6.1).</summary>
    public const int NonceOffset = DataOffset + DataSize;

    /// <summary>Length of <c>nonce</c> (5.12.6.1).</summary>
    public const int NonceSize = 16;

    /// <summary>Offset of <c>be32 write_counter</c> (5.12.6.1).</summary>
    public const int WriteCounterOffset = NonceOffset + NonceSize;

    /// <summary>Offset of <c>be16 address</c>, the number of the accessed 256-byte half sector (5.12.6.1).</summary>
    public const int AddressOffset = WriteCounterOffset + sizeof(uint);

    /// <summary>Offset of <c>be16 block_count</c>, the number of 256-byte blocks read or written (5.12.6.1).</summary>
    public const int BlockCountOffset = AddressOffset + sizeof(ushort);

    /// <summary>Offset of <c>be16 result</c>, written by the device (5.12.6.1).</summary>
    public const int ResultOffset = BlockCountOffset + sizeof(ushort);

    /// <summary>Offset of <c>be16 req_resp</c>, the request or response type (5.12.6.1).</summary>
    public const int ReqRespOffset = ResultOffset + sizeof(ushort);

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
