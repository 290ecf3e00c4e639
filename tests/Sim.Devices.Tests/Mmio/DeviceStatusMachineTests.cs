using Sim.Devices.Virtio.Facilities;
using Sim.Devices.Virtio.Mmio;
using static Sim.Devices.Virtio.Facilities.DeviceStatus;

namespace Sim.Devices.Tests.Mmio;

/// <summary>Device status transitions (virtio 1.2, 2.1 and 3.1.1): the legal path, and one test per illegal change.</summary>
public sealed class DeviceStatusMachineTests
{
    private readonly ViolationLog _log = new();
    private readonly DeviceStatusMachine _machine;

    public DeviceStatusMachineTests()
    {
        _machine = new DeviceStatusMachine(_log);
    }

    private void Write(DeviceStatus status) => _machine.DriverWrite((uint)status);

    private void WriteAll(params DeviceStatus[] steps)
    {
        foreach (var step in steps) Write(step);
    }

    private void AssertOnly(TransportRule rule)
    {
        var violation = Assert.Single(_log.All);
        Assert.Equal(TransportRules.Describe(rule).Name, violation.Rule);
    }

    [Fact]
    public void Spec_order_one_step_per_write_is_legal()
    {
        WriteAll(Acknowledge, Acknowledge | Driver, Acknowledge | Driver | FeaturesOk, Acknowledge | Driver | FeaturesOk | DriverOk);
        Assert.Equal(Acknowledge | Driver | FeaturesOk | DriverOk, _machine.Current);
        Write(_machine.Current | Suspend);
        Assert.True(_machine.Has(Suspend));
        Assert.Empty(_log.All);
    }

    [Fact]
    public void Rewriting_the_current_value_is_a_no_op()
    {
        WriteAll(Acknowledge, Acknowledge, Acknowledge | Driver, Acknowledge | Driver);
        Assert.Equal(Acknowledge | Driver, _machine.Current);
        Assert.Empty(_log.All);
    }

    [Fact]
    public void Writing_zero_resets_from_any_state()
    {
        WriteAll(Acknowledge, Acknowledge | Driver, Acknowledge | Driver | Failed);
        var change = _machine.DriverWrite(0);
        Assert.True(change.IsReset);
        Assert.Equal(None, _machine.Current);
        Assert.Empty(_log.All);
    }

    [Fact]
    public void Failed_may_be_set_at_any_step()
    {
        Write(Failed);
        Assert.Equal(Failed, _machine.Current);
        _machine.DriverWrite(0);
        WriteAll(Acknowledge, Acknowledge | Driver, Acknowledge | Driver | FeaturesOk, Acknowledge | Driver | FeaturesOk | Failed);
        Assert.True(_machine.Has(Failed));
        Assert.Empty(_log.All);
    }

    [Fact]
    public void Clearing_a_bit_without_reset_is_a_violation_and_is_ignored()
    {
        WriteAll(Acknowledge, Acknowledge | Driver);
        Write(Acknowledge);
        AssertOnly(TransportRule.StatusBitCleared);
        Assert.Equal(Acknowledge | Driver, _machine.Current);
    }

    [Fact]
    public void Skipping_a_step_is_a_violation()
    {
        Write(Acknowledge);
        Write(Acknowledge | FeaturesOk);
        AssertOnly(TransportRule.StatusOutOfOrder);
        Assert.Equal(Acknowledge, _machine.Current);
    }

    [Fact]
    public void Driver_ok_without_features_ok_is_a_violation()
    {
        WriteAll(Acknowledge, Acknowledge | Driver);
        Write(Acknowledge | Driver | DriverOk);
        AssertOnly(TransportRule.StatusOutOfOrder);
        Assert.False(_machine.Has(DriverOk));
    }

    [Fact]
    public void Two_steps_in_one_write_are_a_violation()
    {
        Write(Acknowledge | Driver);
        AssertOnly(TransportRule.StatusOutOfOrder);
        Assert.Equal(None, _machine.Current);
    }

    [Fact]
    public void Driver_setting_device_needs_reset_is_a_violation()
    {
        Write(Acknowledge);
        Write(Acknowledge | DeviceNeedsReset);
        AssertOnly(TransportRule.StatusDeviceOnlyBit);
        Assert.False(_machine.Has(DeviceNeedsReset));
    }

    [Fact]
    public void Continuing_after_failed_without_reset_is_a_violation()
    {
        WriteAll(Acknowledge, Acknowledge | Failed);
        Write(Acknowledge | Failed | Driver);
        AssertOnly(TransportRule.StatusAfterFailed);
        Assert.Equal(Acknowledge | Failed, _machine.Current);
    }

    [Fact]
    public void Suspend_before_driver_ok_is_a_violation()
    {
        WriteAll(Acknowledge, Acknowledge | Driver, Acknowledge | Driver | FeaturesOk);
        Write(Acknowledge | Driver | FeaturesOk | Suspend);
        AssertOnly(TransportRule.SuspendBeforeDriverOk);
        Assert.False(_machine.Has(Suspend));
    }

    [Fact]
    public void Undefined_status_bits_are_a_violation()
    {
        _machine.DriverWrite(0x20 | (uint)Acknowledge);
        AssertOnly(TransportRule.InvalidRegisterValue);
        Assert.Equal(None, _machine.Current);
    }

    [Fact]
    public void An_illegal_write_still_sets_its_failed_bit()
    {
        WriteAll(Acknowledge, Acknowledge | Driver);
        Write(Failed); // clears ACKNOWLEDGE and DRIVER: illegal, but FAILED is honoured
        AssertOnly(TransportRule.StatusBitCleared);
        Assert.Equal(Acknowledge | Driver | Failed, _machine.Current);
    }

    [Fact]
    public void The_device_clears_features_ok_only_before_driver_ok()
    {
        WriteAll(Acknowledge, Acknowledge | Driver, Acknowledge | Driver | FeaturesOk);
        Assert.True(_machine.RefuseFeaturesOk());
        Assert.Equal(Acknowledge | Driver, _machine.Current);
        WriteAll(Acknowledge | Driver | FeaturesOk, Acknowledge | Driver | FeaturesOk | DriverOk);
        Assert.False(_machine.RefuseFeaturesOk());
        Assert.True(_machine.Has(FeaturesOk | DriverOk));
        _machine.SetNeedsReset();
        Assert.True(_machine.Has(DeviceNeedsReset));
        Assert.Empty(_log.All);
    }

    [Fact]
    public void Well_formed_states_are_exactly_the_step_prefixes()
    {
        Assert.True(DeviceStatusMachine.IsWellFormed(None));
        Assert.True(DeviceStatusMachine.IsWellFormed(Acknowledge | Driver | FeaturesOk | DriverOk | Suspend | Failed | DeviceNeedsReset));
        Assert.False(DeviceStatusMachine.IsWellFormed(Acknowledge | Driver | DriverOk));
        Assert.False(DeviceStatusMachine.IsWellFormed(Driver));
        Assert.False(DeviceStatusMachine.IsWellFormed(Acknowledge | Suspend));
        Assert.Equal(FeaturesOk, DeviceStatusMachine.NextStep(Acknowledge | Driver));
        Assert.Equal(None, DeviceStatusMachine.NextStep(Acknowledge | Driver | FeaturesOk | DriverOk));
    }
}
