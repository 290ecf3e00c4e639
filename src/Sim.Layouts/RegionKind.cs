namespace Sim.Layouts;

/// <summary>
/// What a declared guest memory region holds, so that a trace's reader knows how to decode its bytes: a virtqueue area
/// (virtio 1.2, 2.7 split, 2.8 packed), a Xen v1 grant table (xen/include/public/grant_table.h), a bounce window
/// (swiotlb-style, 2 KiB slots), the buffers of virtio-iommu requests (virtio 1.2, 5.13.6) or a device driver's request,
/// response and event buffers (virtio-input 5.8.6, virtio-rpmb 5.12.6.1, virtio-snd 5.14.6, virtio-i2c 5.16.6.1,
/// virtio-gpio 5.18.6). Trace files and the explain page carry the kind by its <see cref="RegionKinds.WireName"/>; the page
/// gets the names from <see cref="LayoutCatalog.ExportJson"/>, never from its own literals.
/// <para>
/// A device buffer's kind is named after the structure it holds: its wire name is the id of a structure in
/// src/Sim.Layouts/Wire/*.layout.json (<see cref="I2cOutHdr"/> holds <c>i2c-out-hdr</c>), so adding one is a member here,
/// that structure in the device's layout file and a <c>DeclareBuffer</c> call in its driver.
/// </para>
/// </summary>
public enum RegionKind
{
    /// <summary>A split virtqueue's descriptor table (2.7.5), wire name <c>split-desc</c>.</summary>
    SplitDesc,
    /// <summary>A split virtqueue's available ring (2.7.6), wire name <c>split-avail</c>.</summary>
    SplitAvail,
    /// <summary>A split virtqueue's used ring (2.7.8), wire name <c>split-used</c>.</summary>
    SplitUsed,
    /// <summary>A packed virtqueue's descriptor ring (2.8.13), wire name <c>packed-desc</c>.</summary>
    PackedDesc,
    /// <summary>A packed virtqueue's driver event suppression structure (2.8.14), wire name <c>packed-driver-event</c>.</summary>
    PackedDriverEvent,
    /// <summary>A packed virtqueue's device event suppression structure (2.8.14), wire name <c>packed-device-event</c>.</summary>
    PackedDeviceEvent,
    /// <summary>A Xen grant table of v1 entries, wire name <c>grant-table</c>.</summary>
    GrantTable,
    /// <summary>A bounce window of 2 KiB slots, wire name <c>window</c>.</summary>
    Window,
    /// <summary>The request buffers of a virtio-iommu driver, one 256-byte slot each, wire name <c>iommu-requests</c>.</summary>
    IommuRequests,
    /// <summary>virtio-input event buffers, <c>struct virtio_input_event</c>[N] (5.8.6), wire name <c>input-events</c>.</summary>
    InputEvents,
    /// <summary>A virtio-i2c request's <c>struct virtio_i2c_out_hdr</c> (5.16.6.1), wire name <c>i2c-out-hdr</c>.</summary>
    I2cOutHdr,
    /// <summary>A virtio-i2c request's <c>struct virtio_i2c_in_hdr</c> (5.16.6.1), wire name <c>i2c-in-hdr</c>.</summary>
    I2cInHdr,
    /// <summary>A virtio-i2c request's message buffer, the bytes to send or those read (5.16.6.1), wire name <c>i2c-data</c>.</summary>
    I2cData,
    /// <summary>A virtio-gpio <c>struct virtio_gpio_request</c> (5.18.6), wire name <c>gpio-request</c>.</summary>
    GpioRequest,
    /// <summary>A virtio-gpio <c>struct virtio_gpio_response</c> (5.18.6), wire name <c>gpio-response</c>.</summary>
    GpioResponse,
    /// <summary>A virtio-gpio <c>struct virtio_gpio_irq_request</c> (5.18.6), wire name <c>gpio-irq-request</c>.</summary>
    GpioIrqRequest,
    /// <summary>A virtio-gpio <c>struct virtio_gpio_irq_response</c> (5.18.6), wire name <c>gpio-irq-response</c>.</summary>
    GpioIrqResponse,
    /// <summary>The virtio-snd control request buffer: <c>virtio_snd_hdr</c>, then the request's fields (5.14.6), wire name <c>sound-control-request</c>.</summary>
    SoundControlRequest,
    /// <summary>The virtio-snd control response buffer: status, then a query's items (5.14.6), wire name <c>sound-control-response</c>.</summary>
    SoundControlResponse,
    /// <summary>virtio-snd event buffers, <c>struct virtio_snd_event</c>[N] (5.14.6), wire name <c>sound-events</c>.</summary>
    SoundEvents,
    /// <summary>A virtio-snd I/O message's <c>struct virtio_snd_pcm_xfer</c> (5.14.6), wire name <c>sound-pcm-xfer</c>.</summary>
    SoundPcmXfer,
    /// <summary>A virtio-snd I/O message's <c>struct virtio_snd_pcm_status</c> (5.14.6), wire name <c>sound-pcm-status</c>.</summary>
    SoundPcmStatus,
    /// <summary>virtio-rpmb request or response frames, <c>struct virtio_rpmb_frame</c>[N] (5.12.6.1), wire name <c>rpmb-frames</c>.</summary>
    RpmbFrames,
    /// <summary>A virtio-gpu controlq request buffer: <c>virtio_gpu_ctrl_hdr</c>, then the command's fields (5.7.6.7), wire name <c>gpu-ctrl-request</c>.</summary>
    GpuCtrlRequest,
    /// <summary>A virtio-gpu controlq response buffer: <c>virtio_gpu_ctrl_hdr</c>, then a display info's pmodes (5.7.6.7), wire name <c>gpu-ctrl-response</c>.</summary>
    GpuCtrlResponse,
    /// <summary>A virtio-gpu cursorq command buffer, <c>struct virtio_gpu_update_cursor</c> (5.7.6.10), wire name <c>gpu-cursor-command</c>.</summary>
    GpuCursorCommand,
}
