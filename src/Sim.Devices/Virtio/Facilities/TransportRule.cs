namespace Sim.Devices.Virtio.Facilities;

/// <summary>
/// The rules a virtio-mmio device enforces on the driver's register accesses (virtio 1.2, 2.1, 2.2, 3.1, 4.2.2).
/// Breaking one is a driver misuse: the device reports a <see cref="TransportViolation"/>, never throws, and ignores
/// the access unless the rule's documentation says otherwise. Queue-level misuse seen by the transport (a bad queue
/// size, a notification before DRIVER_OK) is reported with the shared <see cref="Queues.QueueRule"/> instead.
/// </summary>
/// <remarks>
/// virtio-pci (4.1) enforces the same rules where they apply, cited where section 4.1 states them
/// (<see cref="Pci.PciRuleSections"/>), and the PCI-only rules from <see cref="QueueEnableZero"/> on.
/// </remarks>
public enum TransportRule
{
    /// <summary>A Status write that clears a bit other than by writing 0 (2.1.1 "MUST NOT clear a device status bit"). Only FAILED of the write is kept.</summary>
    StatusBitCleared,
    /// <summary>A Status write that adds an initialisation step out of the order ACKNOWLEDGE, DRIVER, FEATURES_OK, DRIVER_OK, or more than one step at once (3.1.1). Only FAILED of the write is kept.</summary>
    StatusOutOfOrder,
    /// <summary>The driver wrote DEVICE_NEEDS_RESET, which only the device sets (2.1). Only FAILED of the write is kept.</summary>
    StatusDeviceOnlyBit,
    /// <summary>The driver went on initialising after setting FAILED without a reset first (2.1.1). Only FAILED of the write is kept.</summary>
    StatusAfterFailed,
    /// <summary>SUSPEND set before DRIVER_OK (SUSPEND is a post-1.2 draft bit; suspending needs a running device). Only FAILED of the write is kept.</summary>
    SuspendBeforeDriverOk,
    /// <summary>A value with undefined bits or outside the register's meaning (Status bit 5 or above 7, QueueReady not 0/1, QueueReset not 1, InterruptACK above bit 1). InterruptACK still acknowledges its defined bits.</summary>
    InvalidRegisterValue,
    /// <summary>A control register accessed with a width other than 32 bits, or the configuration space with one other than 8, 16 or 32 bits (4.2.2.2). Reads return 0.</summary>
    RegisterAccessWidth,
    /// <summary>A 16- or 32-bit configuration space access not aligned to its width (4.2.2.2). Reads return 0.</summary>
    UnalignedConfigAccess,
    /// <summary>A configuration space access past the end of the device's configuration space (4.2.2.2). Reads return 0.</summary>
    ConfigOutOfRange,
    /// <summary>An offset the version 2 register table does not describe, legacy registers included (4.2.2.2). Reads return 0.</summary>
    UndefinedRegister,
    /// <summary>A read of a write-only register (4.2.2.2). Returns 0.</summary>
    ReadOfWriteOnlyRegister,
    /// <summary>A write to a read-only register (4.2.2.2).</summary>
    WriteToReadOnlyRegister,
    /// <summary>DeviceFeatures read or DriverFeatures written before its selector was written since reset (4.2.2.2). Reported; the access is served with selector 0.</summary>
    FeatureSelectorNotWritten,
    /// <summary>DriverFeatures written before DRIVER or after FEATURES_OK (3.1.1 steps 4-6: no new feature bits after FEATURES_OK).</summary>
    DriverFeaturesOutOfSequence,
    /// <summary>FEATURES_OK set with feature bits the device did not offer (2.2.1). The device leaves FEATURES_OK clear.</summary>
    FeatureNotOffered,
    /// <summary>FEATURES_OK set without VIRTIO_F_VERSION_1 although the device offers it (6.1 "MUST accept VIRTIO_F_VERSION_1"). The device leaves FEATURES_OK clear.</summary>
    Version1NotAccepted,
    /// <summary>A queue register written for a queue the device does not have (QueueNumMax reads 0; 4.2.2).</summary>
    QueueNotAvailable,
    /// <summary>QueueNum or a queue address written while the selected queue's QueueReady is 1 (4.2.2.2).</summary>
    QueueConfigWhileReady,
    /// <summary>QueueReady set to 1 before FEATURES_OK (3.1.1 step 7: queues are set up after feature negotiation).</summary>
    QueueSetupBeforeFeaturesOk,
    /// <summary>QueueReset written without VIRTIO_F_RING_RESET negotiated (4.2.2, QueueReset).</summary>
    RingResetNotNegotiated,
    /// <summary>virtio-pci: 0 written to queue_enable (4.1.4.3.2 "MUST NOT write a 0 to queue_enable"; a queue stops by a queue or device reset). Ignored.</summary>
    QueueEnableZero,
    /// <summary>virtio-pci: a configuration-space write into a virtio structure capability, other than cap.bar, cap.offset, cap.length and pci_cfg_data of the VIRTIO_PCI_CAP_PCI_CFG capability (4.1.4.1). Ignored.</summary>
    CapabilityWritten,
    /// <summary>virtio-pci: config_msix_vector or queue_msix_vector written with a vector outside the MSI-X table (4.1.5.1.2.2). The event is left unmapped: the field reads VIRTIO_MSI_NO_VECTOR.</summary>
    VectorOutOfRange,
    /// <summary>virtio-pci: device_status written with a value other than 0 after a reset, before the driver read device_status back as 0 (4.1.4.3.2). Ignored.</summary>
    ResetNotAwaited,
    /// <summary>virtio-pci: a BAR access while Memory Space Enable is clear in the PCI Command register: the function does not decode it (4.1.1 requires PCI behaviour; [PCI] 6.2.2). Reads return all ones, writes are lost.</summary>
    MemorySpaceDisabled,
    /// <summary>virtio-pci: pci_cfg_data accessed while cap.length is not 1, 2 or 4, cap.offset is not a multiple of cap.length, or cap.bar, cap.offset and cap.length do not address bytes inside a structure of another virtio capability (4.1.4.8.2). Reads return 0, writes are lost.</summary>
    PciCfgWindowInvalid,
}

/// <summary>The stable name and spec section of each <see cref="TransportRule"/>, for findings.</summary>
public static class TransportRules
{
    /// <summary>(name, spec section) of <paramref name="rule"/>.</summary>
    public static (string Name, string Section) Describe(TransportRule rule) => rule switch
    {
        TransportRule.StatusBitCleared => ("status-bit-cleared", "virtio 1.2, 2.1.1"),
        TransportRule.StatusOutOfOrder => ("status-out-of-order", "virtio 1.2, 3.1.1"),
        TransportRule.StatusDeviceOnlyBit => ("status-device-only-bit", "virtio 1.2, 2.1 (DEVICE_NEEDS_RESET)"),
        TransportRule.StatusAfterFailed => ("status-after-failed", "virtio 1.2, 2.1.1 (reset after FAILED)"),
        TransportRule.SuspendBeforeDriverOk => ("suspend-before-driver-ok", "virtio 1.4 draft, 2.1 (SUSPEND)"),
        TransportRule.InvalidRegisterValue => ("invalid-register-value", "virtio 1.2, 4.2.2 / 4.2.2.2"),
        TransportRule.RegisterAccessWidth => ("register-access-width", "virtio 1.2, 4.2.2.2"),
        TransportRule.UnalignedConfigAccess => ("unaligned-config-access", "virtio 1.2, 4.2.2.2"),
        TransportRule.ConfigOutOfRange => ("config-out-of-range", "virtio 1.2, 4.2.2.2"),
        TransportRule.UndefinedRegister => ("undefined-register", "virtio 1.2, 4.2.2.2"),
        TransportRule.ReadOfWriteOnlyRegister => ("read-of-write-only-register", "virtio 1.2, 4.2.2.2"),
        TransportRule.WriteToReadOnlyRegister => ("write-to-read-only-register", "virtio 1.2, 4.2.2.2"),
        TransportRule.FeatureSelectorNotWritten => ("feature-selector-not-written", "virtio 1.2, 4.2.2.2"),
        TransportRule.DriverFeaturesOutOfSequence => ("driver-features-out-of-sequence", "virtio 1.2, 3.1.1"),
        TransportRule.FeatureNotOffered => ("feature-not-offered", "virtio 1.2, 2.2.1"),
        TransportRule.Version1NotAccepted => ("version-1-not-accepted", "virtio 1.2, 6.1"),
        TransportRule.QueueNotAvailable => ("queue-not-available", "virtio 1.2, 4.2.2 (QueueNumMax)"),
        TransportRule.QueueConfigWhileReady => ("queue-config-while-ready", "virtio 1.2, 4.2.2.2"),
        TransportRule.QueueSetupBeforeFeaturesOk => ("queue-setup-before-features-ok", "virtio 1.2, 3.1.1"),
        TransportRule.RingResetNotNegotiated => ("ring-reset-not-negotiated", "virtio 1.2, 4.2.2 (QueueReset)"),
        TransportRule.QueueEnableZero => ("queue-enable-zero", "virtio 1.2, 4.1.4.3.2"),
        TransportRule.CapabilityWritten => ("capability-written", "virtio 1.2, 4.1.4.1"),
        TransportRule.VectorOutOfRange => ("vector-out-of-range", "virtio 1.2, 4.1.5.1.2.2"),
        TransportRule.ResetNotAwaited => ("reset-not-awaited", "virtio 1.2, 4.1.4.3.2"),
        TransportRule.MemorySpaceDisabled => ("memory-space-disabled", "virtio 1.2, 4.1.1 ([PCI] 6.2.2, Command register: Memory Space)"),
        TransportRule.PciCfgWindowInvalid => ("pci-cfg-window-invalid", "virtio 1.2, 4.1.4.8.2"),
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };
}
