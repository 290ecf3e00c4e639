namespace Sim.Hypervisors.Iommu;

/// <summary>virtio-iommu request types (virtio 1.2, 5.13.6; Linux <c>VIRTIO_IOMMU_T_*</c>): the <c>type</c> byte of the request head.</summary>
public enum IommuRequestType : byte
{
    /// <summary>Attach an endpoint to a domain, creating the domain if needed (5.13.6.3).</summary>
    Attach = 1,
    /// <summary>Detach an endpoint from its domain (5.13.6.4).</summary>
    Detach = 2,
    /// <summary>Map an IOVA range of a domain to guest-physical memory (5.13.6.5).</summary>
    Map = 3,
    /// <summary>Remove the mappings wholly inside an IOVA range (5.13.6.6).</summary>
    Unmap = 4,
    /// <summary>Ask for an endpoint's properties (5.13.6.7).</summary>
    Probe = 5,
}

/// <summary>virtio-iommu request status codes (virtio 1.2, 5.13.6; Linux <c>VIRTIO_IOMMU_S_*</c>): the <c>status</c> byte of the request tail.</summary>
public static class IommuStatus
{
    /// <summary>The request succeeded.</summary>
    public const byte Ok = 0;
    /// <summary>Virtio communication error (here: a buffer of the wrong size for its type).</summary>
    public const byte IoErr = 1;
    /// <summary>Unsupported request (an unknown type, or one whose feature was not offered).</summary>
    public const byte Unsupp = 2;
    /// <summary>Internal device error.</summary>
    public const byte DevErr = 3;
    /// <summary>Invalid parameters (reserved bits set, unknown flags, overlapping mapping, wrong domain).</summary>
    public const byte Inval = 4;
    /// <summary>Out-of-range parameters (misaligned range, IOVA or domain outside its range, a split mapping).</summary>
    public const byte Range = 5;
    /// <summary>Unknown domain or endpoint.</summary>
    public const byte NoEnt = 6;
    /// <summary>Bad address.</summary>
    public const byte Fault = 7;
    /// <summary>Out of resources (here: the per-domain mapping limit).</summary>
    public const byte NoMem = 8;

    /// <summary>The Linux name of <paramref name="status"/> (<c>OK</c>, <c>INVAL</c>, ...), or its number when unknown.</summary>
    public static string Name(byte status) => status switch
    {
        Ok => "OK", IoErr => "IOERR", Unsupp => "UNSUPP", DevErr => "DEVERR", Inval => "INVAL",
        Range => "RANGE", NoEnt => "NOENT", Fault => "FAULT", NoMem => "NOMEM", _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>MAP request flags (virtio 1.2, 5.13.6.5; Linux <c>VIRTIO_IOMMU_MAP_F_*</c>).</summary>
[Flags]
public enum IommuMapFlags : uint
{
    /// <summary>No access.</summary>
    None = 0,
    /// <summary>The endpoint may read through the mapping.</summary>
    Read = 1,
    /// <summary>The endpoint may write through the mapping.</summary>
    Write = 2,
    /// <summary>The mapping is MMIO (needs <see cref="IommuFeatures.Mmio"/>; not offered by this model).</summary>
    Mmio = 4,
    /// <summary>Every defined flag (<c>VIRTIO_IOMMU_MAP_F_MASK</c>).</summary>
    Mask = Read | Write | Mmio,
}

/// <summary>virtio-iommu feature bit numbers (virtio 1.2, 5.13.3; Linux <c>VIRTIO_IOMMU_F_*</c>).</summary>
public static class IommuFeatures
{
    /// <summary>The config's <c>input_range</c> is valid.</summary>
    public const int InputRange = 0;
    /// <summary>The config's <c>domain_range</c> is valid.</summary>
    public const int DomainRange = 1;
    /// <summary>MAP and UNMAP requests are available.</summary>
    public const int MapUnmap = 2;
    /// <summary>Endpoints not attached to a domain bypass the IOMMU.</summary>
    public const int Bypass = 3;
    /// <summary>PROBE requests are available.</summary>
    public const int Probe = 4;
    /// <summary>The MMIO map flag is available.</summary>
    public const int Mmio = 5;
    /// <summary>The config's <c>bypass</c> field and the ATTACH bypass flag are available.</summary>
    public const int BypassConfig = 6;
}

/// <summary>
/// Byte layouts of the virtio-iommu requests (virtio 1.2, 5.13.6; Linux <c>struct virtio_iommu_req_*</c>), all
/// little-endian: offsets and sizes in bytes, checked against the Linux header by the golden test. Every request is
/// head {type u8, reserved[3]} · body · tail {status u8, reserved[3]}; the device reads up to the tail and writes it.
/// </summary>
public static class IommuLayout
{
    /// <summary>The ATTACH flag asking the endpoint to bypass the IOMMU (<c>VIRTIO_IOMMU_ATTACH_F_BYPASS</c>).</summary>
    public const uint AttachFlagBypass = 1;

    /// <summary><c>struct virtio_iommu_req_head</c>: type u8 @0, reserved[3] @1.</summary>
    public static class Head
    {
        /// <summary>Bytes.</summary>
        public const int Size = 4;
        /// <summary>The request type byte.</summary>
        public const int Type = 0;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 1;
    }

    /// <summary><c>struct virtio_iommu_req_tail</c>: status u8 @0, reserved[3] @1.</summary>
    public static class Tail
    {
        /// <summary>Bytes.</summary>
        public const int Size = 4;
        /// <summary>The status byte the device writes.</summary>
        public const int Status = 0;
        /// <summary>Reserved bytes.</summary>
        public const int Reserved = 1;
    }

    /// <summary><c>struct virtio_iommu_req_attach</c> (24 bytes): domain u32 @4, endpoint u32 @8, flags u32 @12, reserved[4] @16, tail @20.</summary>
    public static class Attach
    {
        /// <summary>Bytes, tail included.</summary>
        public const int Size = 24;
        /// <summary>Domain id.</summary>
        public const int Domain = 4;
        /// <summary>Endpoint id.</summary>
        public const int Endpoint = 8;
        /// <summary>Flags (<see cref="AttachFlagBypass"/>).</summary>
        public const int Flags = 12;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 16;
        /// <summary>The tail.</summary>
        public const int Tail = 20;
    }

    /// <summary><c>struct virtio_iommu_req_detach</c> (24 bytes): domain u32 @4, endpoint u32 @8, reserved[8] @12, tail @20.</summary>
    public static class Detach
    {
        /// <summary>Bytes, tail included.</summary>
        public const int Size = 24;
        /// <summary>Domain id.</summary>
        public const int Domain = 4;
        /// <summary>Endpoint id.</summary>
        public const int Endpoint = 8;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 12;
        /// <summary>The tail.</summary>
        public const int Tail = 20;
    }

    /// <summary><c>struct virtio_iommu_req_map</c> (40 bytes): domain u32 @4, virt_start u64 @8, virt_end u64 @16, phys_start u64 @24, flags u32 @32, tail @36.</summary>
    public static class Map
    {
        /// <summary>Bytes, tail included.</summary>
        public const int Size = 40;
        /// <summary>Domain id.</summary>
        public const int Domain = 4;
        /// <summary>First IOVA.</summary>
        public const int VirtStart = 8;
        /// <summary>Last IOVA (inclusive).</summary>
        public const int VirtEnd = 16;
        /// <summary>Guest-physical address of <c>virt_start</c>.</summary>
        public const int PhysStart = 24;
        /// <summary>Flags (<see cref="IommuMapFlags"/>).</summary>
        public const int Flags = 32;
        /// <summary>The tail.</summary>
        public const int Tail = 36;
    }

    /// <summary><c>struct virtio_iommu_req_unmap</c> (32 bytes): domain u32 @4, virt_start u64 @8, virt_end u64 @16, reserved[4] @24, tail @28.</summary>
    public static class Unmap
    {
        /// <summary>Bytes, tail included.</summary>
        public const int Size = 32;
        /// <summary>Domain id.</summary>
        public const int Domain = 4;
        /// <summary>First IOVA.</summary>
        public const int VirtStart = 8;
        /// <summary>Last IOVA (inclusive).</summary>
        public const int VirtEnd = 16;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 24;
        /// <summary>The tail.</summary>
        public const int Tail = 28;
    }

    /// <summary>
    /// <c>struct virtio_iommu_req_probe</c>: endpoint u32 @4, reserved[64] @8, properties[probe_size] @72, then the
    /// tail (not part of the C struct, whose size is 72).
    /// </summary>
    public static class Probe
    {
        /// <summary>Bytes of the fixed part (the C struct's size); the buffer is this plus probe_size plus the tail.</summary>
        public const int Size = 72;
        /// <summary>Endpoint id.</summary>
        public const int Endpoint = 4;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 8;
        /// <summary>The properties the device writes.</summary>
        public const int Properties = 72;
    }

    /// <summary>
    /// <c>struct virtio_iommu_probe_property</c>: type u16 @0 (low 12 bits), length u16 @2 (bytes of the value after
    /// this header, virtio 1.2, 5.13.6.8). A type of NONE ends the list.
    /// </summary>
    public static class ProbeProperty
    {
        /// <summary>Bytes of the header.</summary>
        public const int HeaderSize = 4;
        /// <summary>Property type u16.</summary>
        public const int Type = 0;
        /// <summary>Value length u16, header excluded.</summary>
        public const int Length = 2;
        /// <summary><c>VIRTIO_IOMMU_PROBE_T_NONE</c>: the end of the list.</summary>
        public const ushort TypeNone = 0;
        /// <summary><c>VIRTIO_IOMMU_PROBE_T_RESV_MEM</c>: a reserved memory region.</summary>
        public const ushort TypeResvMem = 1;
        /// <summary><c>VIRTIO_IOMMU_PROBE_T_MASK</c>: the bits of <c>type</c> that name it.</summary>
        public const ushort TypeMask = 0xfff;
    }

    /// <summary>
    /// <c>struct virtio_iommu_probe_resv_mem</c>: the property header, subtype u8 @4, reserved[3] @5, start u64 @8,
    /// end u64 @16 (inclusive); 24 bytes, so its <c>length</c> is 20 (virtio 1.2, 5.13.6.8.2).
    /// </summary>
    public static class ResvMem
    {
        /// <summary>Bytes, header included.</summary>
        public const int Size = 24;
        /// <summary>Subtype u8 (<see cref="IommuReservedKind"/>).</summary>
        public const int Subtype = 4;
        /// <summary>Reserved bytes (zero).</summary>
        public const int Reserved = 5;
        /// <summary>First address u64.</summary>
        public const int Start = 8;
        /// <summary>Last address u64 (inclusive).</summary>
        public const int End = 16;
    }

    /// <summary><c>struct virtio_iommu_config</c> (40 bytes, virtio 1.2, 5.13.4).</summary>
    public static class Config
    {
        /// <summary>Bytes.</summary>
        public const int Size = 40;
        /// <summary>Supported page sizes u64; the lowest set bit is the granule.</summary>
        public const int PageSizeMask = 0;
        /// <summary>Supported IOVA range {start u64, end u64}.</summary>
        public const int InputRange = 8;
        /// <summary>Supported domain ids {start u32, end u32}.</summary>
        public const int DomainRange = 24;
        /// <summary>Probe buffer size u32.</summary>
        public const int ProbeSize = 32;
        /// <summary>Global bypass u8.</summary>
        public const int Bypass = 36;
    }
}
