using Sim.Devices.Virtio;
using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Pci;
using C = Sim.Devices.Virtio.Pci.VirtioPciCommonCfg;

namespace Sim.Devices.Tests.Pci;

/// <summary>
/// Interrupts: MSI-X vectors (virtio 1.2, 4.1.4.3, 4.1.5.1.2, 4.1.5.3), the ISR and INTx# (4.1.4.5), configuration
/// changes (4.1.5.4), and the device's side of coalescing (an interrupt still pending is not sent again).
/// </summary>
public sealed class InterruptTests
{
    private static PciRig RunningWithMsix(ushort[]? queues = null)
    {
        var rig = PciRig.Create(queueSizeMax: queues);
        var result = rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1,
            Enumerable.Range(0, rig.Device.QueueCount).Select(q => PciRig.Queue((ushort)q)).ToList()));
        Assert.True(result.Success, result.Reason);
        return rig;
    }

    [Fact]
    public void Each_queues_used_buffer_interrupt_goes_to_its_own_vector()
    {
        var rig = RunningWithMsix([256, 256, 256]);
        Assert.Equal(InterruptRaise.Deliver(1), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Equal(InterruptRaise.Deliver(2), rig.Device.RaiseUsedBufferInterrupt(1));
        Assert.Equal(InterruptRaise.Deliver(3), rig.Device.RaiseUsedBufferInterrupt(2));
        Assert.Equal(PciIsrStatus.None, rig.Device.IsrStatus);
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal(0u, rig.Device.ReadConfig(PciConfigHeader.Status, 2) & PciConfigHeader.StatusInterrupt);
    }

    [Fact]
    public void A_vectors_interrupt_is_coalesced_until_the_driver_takes_it_and_taking_it_reads_nothing()
    {
        var rig = RunningWithMsix();
        Assert.Equal(InterruptRaise.Deliver(2), rig.Device.RaiseUsedBufferInterrupt(1));
        Assert.Equal(InterruptRaise.Coalesced(2), rig.Device.RaiseUsedBufferInterrupt(1));
        Assert.Equal(InterruptRaise.Deliver(1), rig.Device.RaiseUsedBufferInterrupt(0)); // another vector is independent
        long accesses = rig.Driver.Accesses;

        var taken = rig.Driver.TakeInterrupt(2);

        Assert.Equal(new TakenInterrupt(true, 1), taken);
        Assert.Equal(accesses, rig.Driver.Accesses);
        Assert.Equal([2], rig.Bus.TakenVectors);
        Assert.False(rig.Device.MessagePending(2));
        Assert.Equal(InterruptRaise.Deliver(2), rig.Device.RaiseUsedBufferInterrupt(1));
        Assert.Equal(InterruptRaise.Coalesced(1), rig.Device.RaiseUsedBufferInterrupt(0));
    }

    [Fact]
    public void A_queue_whose_vector_is_no_vector_has_its_interrupt_refused()
    {
        var rig = PciRig.Create().EnableMsix().Running(); // queue 0 enabled without a vector
        Assert.Equal(C.NoVector, rig.Device.QueueVector(0));
        Assert.Equal(InterruptRaise.Refused, rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Equal(PciIsrStatus.None, rig.Device.IsrStatus);
    }

    [Fact]
    public void Used_buffer_interrupts_before_driver_ok_are_refused()
    {
        var rig = PciRig.Create().EnableMsix();
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.SetUpQueue(0, 64, vector: 1);
        Assert.Equal(InterruptRaise.Refused, rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.False(rig.Device.MessagePending(1));
    }

    [Fact]
    public void A_vector_outside_the_table_is_a_violation_and_reads_back_no_vector()
    {
        var rig = PciRig.Create(); // 3 vectors: 0 to 2
        rig.NegotiateFeatures(VirtioFeatures.Version1);
        rig.WriteCommon(C.QueueMsixVector, 2, 3);
        Assert.Equal("virtio 1.2, 4.1.5.1.2.2", rig.AssertOnly(TransportRule.VectorOutOfRange).Section);
        Assert.Equal(C.NoVector, rig.ReadCommon(C.QueueMsixVector, 2));
        rig.Log.All.Clear();
        rig.WriteCommon(C.MsixConfig, 2, 0x7ff);
        rig.AssertOnly(TransportRule.VectorOutOfRange);
        Assert.Equal(C.NoVector, rig.ReadCommon(C.MsixConfig, 2));
    }

    [Fact]
    public void A_mapping_beyond_the_devices_vector_resources_reads_back_no_vector_without_a_violation()
    {
        var rig = PciRig.Create(options: new PciDeviceOptions { VectorResources = 2 });
        rig.WriteCommon(C.MsixConfig, 2, 0);
        rig.WriteCommon(C.QueueMsixVector, 2, 1);
        rig.WriteCommon(C.QueueSelect, 2, 1);
        rig.WriteCommon(C.QueueMsixVector, 2, 2);
        Assert.Equal(C.NoVector, rig.ReadCommon(C.QueueMsixVector, 2));
        rig.WriteCommon(C.QueueMsixVector, 2, 1); // sharing a vector already in use needs no new resource
        Assert.Equal(1u, rig.ReadCommon(C.QueueMsixVector, 2));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void A_masked_vector_holds_its_message_in_the_pba_until_it_is_unmasked()
    {
        var rig = RunningWithMsix();
        var sent = new List<int>();
        rig.Device.PendingMessageSent += sent.Add;
        ulong control = rig.Layout.MsixTable.Offset + 1 * 16 + MsixCapability.EntryVectorControl;
        rig.Device.Write(rig.Bar, control, 4, MsixCapability.VectorControlMask);

        Assert.Equal(InterruptRaise.Coalesced(1), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.True(rig.Device.PendingBit(1));
        Assert.Equal(0b10u, rig.Device.Read(rig.Bar, rig.Layout.MsixPba.Offset, 4));
        Assert.Equal(InterruptRaise.Coalesced(1), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Empty(sent);

        rig.Device.Write(rig.Bar, control, 4, 0);
        Assert.Equal([1], sent);
        Assert.False(rig.Device.PendingBit(1));
        Assert.True(rig.Device.MessagePending(1));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void The_function_mask_holds_every_vector()
    {
        var rig = RunningWithMsix();
        var sent = new List<int>();
        rig.Device.PendingMessageSent += sent.Add;
        int messageControl = PciCapabilityPlacement.Msix + MsixCapability.MessageControl;
        rig.Device.WriteConfig(messageControl, 2, MsixCapability.Enable | MsixCapability.FunctionMask);
        Assert.True(rig.Device.MsixFunctionMasked);
        Assert.Equal(InterruptRaise.Coalesced(1), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Equal(InterruptRaise.Coalesced(2), rig.Device.RaiseUsedBufferInterrupt(1));
        rig.Device.WriteConfig(messageControl, 2, MsixCapability.Enable);
        Assert.Equal([1, 2], sent);
    }

    [Fact]
    public void The_msix_table_holds_what_the_driver_programmed()
    {
        var rig = RunningWithMsix();
        for (int vector = 0; vector < 3; vector++)
        {
            Assert.Equal(new MsixTableEntry(PciDriver.MessageAddress, PciDriver.FirstGuestVector + (uint)vector, Masked: false), rig.Device.MsixEntry(vector));
            ulong entry = rig.Layout.MsixTable.Offset + (ulong)vector * 16;
            Assert.Equal((uint)PciDriver.MessageAddress, rig.Device.Read(rig.Bar, entry + MsixCapability.EntryAddressLow, 4));
            Assert.Equal(PciDriver.FirstGuestVector + (uint)vector, rig.Device.Read(rig.Bar, entry + MsixCapability.EntryData, 4));
        }
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Msix_structures_take_aligned_4_byte_accesses_and_the_pba_is_read_only()
    {
        var rig = RunningWithMsix();
        rig.Device.Read(rig.Bar, rig.Layout.MsixTable.Offset + 2, 2);
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
        rig.Log.All.Clear();
        rig.Device.Write(rig.Bar, rig.Layout.MsixPba.Offset, 4, 1);
        rig.AssertOnly(TransportRule.WriteToReadOnlyRegister);
        Assert.False(rig.Device.PendingBit(0));
    }

    [Fact]
    public void Without_msix_a_used_buffer_interrupt_sets_isr_bit_0_and_asserts_intx()
    {
        var rig = PciRig.Create(useMsix: false);
        var line = new List<bool>();
        rig.Device.InterruptLineChanged += line.Add;
        Assert.True(rig.Driver.Initialize(new TransportInitRequest(VirtioFeatures.Version1, [PciRig.Queue(0)])).Success);
        Assert.False(rig.Driver.MessageSignalled);
        Assert.False(rig.Device.MsixEnabled);

        Assert.Equal(InterruptRaise.Deliver(0), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Equal(PciIsrStatus.Queue, rig.Device.IsrStatus);
        Assert.True(rig.Device.InterruptAsserted);
        Assert.Equal(PciConfigHeader.StatusInterrupt, rig.Device.ReadConfig(PciConfigHeader.Status, 2) & PciConfigHeader.StatusInterrupt);
        Assert.Equal(InterruptRaise.Coalesced(0), rig.Device.RaiseUsedBufferInterrupt(0)); // the line is still asserted

        long accesses = rig.Driver.Accesses;
        var taken = rig.Driver.TakeInterrupt(0);

        Assert.Equal(new TakenInterrupt(true, TakenInterrupt.EveryQueue), taken);
        Assert.Equal(accesses + 1, rig.Driver.Accesses); // one ISR read
        Assert.Equal(PciIsrStatus.None, rig.Device.IsrStatus);
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal([true, false], line);
        Assert.Equal(InterruptRaise.Deliver(0), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void Reading_the_isr_returns_and_clears_it()
    {
        var rig = PciRig.Create().Running();
        rig.Device.RaiseUsedBufferInterrupt(0);
        rig.Device.RaiseConfigChangeInterrupt();
        Assert.Equal(3u, rig.Device.Read(rig.Bar, rig.Layout.Isr.Offset, 1));
        Assert.Equal(0u, rig.Device.Read(rig.Bar, rig.Layout.Isr.Offset, 1));
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Empty(rig.Log.All);
    }

    [Fact]
    public void The_isr_is_one_byte_read_only()
    {
        var rig = PciRig.Create().Running();
        rig.Device.RaiseUsedBufferInterrupt(0);
        Assert.Equal(0u, rig.Device.Read(rig.Bar, rig.Layout.Isr.Offset, 4));
        rig.AssertOnly(TransportRule.RegisterAccessWidth);
        rig.Log.All.Clear();
        rig.Device.Write(rig.Bar, rig.Layout.Isr.Offset, 1, 0);
        Assert.Equal("virtio 1.2, 4.1.4.5", rig.AssertOnly(TransportRule.WriteToReadOnlyRegister).Section);
        Assert.Equal(PciIsrStatus.Queue, rig.Device.IsrStatus);
    }

    [Fact]
    public void Intx_disable_holds_the_line_until_it_is_cleared()
    {
        var rig = PciRig.Create().Running();
        var line = new List<bool>();
        rig.Device.InterruptLineChanged += line.Add;
        rig.Device.WriteConfig(PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory | PciConfigHeader.CommandIntxDisable);
        Assert.Equal(InterruptRaise.Coalesced(0), rig.Device.RaiseUsedBufferInterrupt(0));
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal(PciConfigHeader.StatusInterrupt, rig.Device.ReadConfig(PciConfigHeader.Status, 2) & PciConfigHeader.StatusInterrupt);
        rig.Device.WriteConfig(PciConfigHeader.Command, 2, PciConfigHeader.CommandMemory);
        Assert.Equal([true], line);
    }

    [Fact]
    public void A_configuration_change_sets_the_isr_config_bit_and_uses_the_config_vector()
    {
        var rig = RunningWithMsix();
        Assert.Equal(InterruptRaise.Deliver(0), rig.Device.RaiseConfigChangeInterrupt());
        Assert.Equal(PciIsrStatus.Config, rig.Device.IsrStatus);
        Assert.False(rig.Device.InterruptAsserted);
        Assert.Equal(new TakenInterrupt(false, TakenInterrupt.EveryQueue), rig.Driver.TakeInterrupt(0));

        var intx = PciRig.Create().Running();
        Assert.Equal(InterruptRaise.Deliver(0), intx.Device.RaiseConfigChangeInterrupt());
        Assert.True(intx.Device.InterruptAsserted);
        Assert.Equal((uint)PciIsrStatus.Config, intx.Device.Read(intx.Bar, intx.Layout.Isr.Offset, 1));
    }

    [Fact]
    public void Needs_reset_sets_the_status_bit_and_sends_a_configuration_change_notification()
    {
        var rig = RunningWithMsix();
        rig.Device.SetNeedsReset();
        Assert.True(rig.Device.Status.HasFlag(DeviceStatus.DeviceNeedsReset));
        Assert.True(rig.Device.MessagePending(0));
        Assert.Equal(PciIsrStatus.Config, rig.Device.IsrStatus);
    }

    [Fact]
    public void A_configuration_update_after_driver_ok_notifies_the_driver()
    {
        var rig = PciRig.Create(config: new byte[8]).Running();
        rig.Device.UpdateConfig(0, [1, 2]);
        Assert.Equal(PciIsrStatus.Config, rig.Device.IsrStatus);
        rig.Device.UpdateConfig(4, [3], notify: false);
        Assert.Equal([1, 2, 0, 0, 3, 0, 0, 0], rig.Device.DeviceConfigBytes.ToArray());
    }
}
