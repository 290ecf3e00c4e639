using Sim.Devices.Input;
using Sim.Devices.Tests.Golden;

namespace Sim.Devices.Tests.Input;

/// <summary>
/// <see cref="InputLayout"/> and <see cref="InputCodes"/> against Linux: <c>linux_virtio_input_golden.c</c> (copied next
/// to the test assembly under Golden/), compiled with gcc against /usr/include/linux/virtio_input.h and the input event
/// codes, prints struct sizes, field offsets, config selects, event types and codes; every line must have a C#
/// counterpart equal to it, and every C# constant must be printed.
/// </summary>
public sealed class InputLayoutGoldenTests
{
    /// <summary>Linux key → the simulator's value.</summary>
    private static readonly Dictionary<string, ulong> Counterparts = new()
    {
        ["layout.sizeof.virtio_input_config"] = InputLayout.Config.Size,
        ["layout.offsetof.virtio_input_config.select"] = InputLayout.Config.Select,
        ["layout.offsetof.virtio_input_config.subsel"] = InputLayout.Config.Subsel,
        ["layout.offsetof.virtio_input_config.size"] = InputLayout.Config.SizeField,
        ["layout.offsetof.virtio_input_config.reserved"] = InputLayout.Config.Reserved,
        ["layout.offsetof.virtio_input_config.u"] = InputLayout.Config.Union,
        ["layout.sizeof.virtio_input_config.u"] = InputLayout.Config.UnionBytes,
        ["layout.sizeof.virtio_input_absinfo"] = InputLayout.AbsInfo.Size,
        ["layout.offsetof.virtio_input_absinfo.min"] = InputLayout.AbsInfo.Min,
        ["layout.offsetof.virtio_input_absinfo.max"] = InputLayout.AbsInfo.Max,
        ["layout.offsetof.virtio_input_absinfo.fuzz"] = InputLayout.AbsInfo.Fuzz,
        ["layout.offsetof.virtio_input_absinfo.flat"] = InputLayout.AbsInfo.Flat,
        ["layout.offsetof.virtio_input_absinfo.res"] = InputLayout.AbsInfo.Res,
        ["layout.sizeof.virtio_input_devids"] = InputLayout.DevIds.Size,
        ["layout.offsetof.virtio_input_devids.bustype"] = InputLayout.DevIds.Bustype,
        ["layout.offsetof.virtio_input_devids.vendor"] = InputLayout.DevIds.Vendor,
        ["layout.offsetof.virtio_input_devids.product"] = InputLayout.DevIds.Product,
        ["layout.offsetof.virtio_input_devids.version"] = InputLayout.DevIds.Version,
        ["layout.sizeof.virtio_input_event"] = InputLayout.Event.Size,
        ["layout.offsetof.virtio_input_event.type"] = InputLayout.Event.Type,
        ["layout.offsetof.virtio_input_event.code"] = InputLayout.Event.Code,
        ["layout.offsetof.virtio_input_event.value"] = InputLayout.Event.Value,
        ["cfg.VIRTIO_INPUT_CFG_UNSET"] = InputLayout.CfgUnset,
        ["cfg.VIRTIO_INPUT_CFG_ID_NAME"] = InputLayout.CfgIdName,
        ["cfg.VIRTIO_INPUT_CFG_ID_SERIAL"] = InputLayout.CfgIdSerial,
        ["cfg.VIRTIO_INPUT_CFG_ID_DEVIDS"] = InputLayout.CfgIdDevids,
        ["cfg.VIRTIO_INPUT_CFG_PROP_BITS"] = InputLayout.CfgPropBits,
        ["cfg.VIRTIO_INPUT_CFG_EV_BITS"] = InputLayout.CfgEvBits,
        ["cfg.VIRTIO_INPUT_CFG_ABS_INFO"] = InputLayout.CfgAbsInfo,
        ["code.EV_SYN"] = InputCodes.EvSyn,
        ["code.EV_KEY"] = InputCodes.EvKey,
        ["code.EV_REL"] = InputCodes.EvRel,
        ["code.EV_ABS"] = InputCodes.EvAbs,
        ["code.EV_MSC"] = InputCodes.EvMsc,
        ["code.EV_SW"] = InputCodes.EvSw,
        ["code.EV_LED"] = InputCodes.EvLed,
        ["code.EV_SND"] = InputCodes.EvSnd,
        ["code.EV_REP"] = InputCodes.EvRep,
        ["code.EV_MAX"] = InputCodes.EvMax,
        ["code.SYN_REPORT"] = InputCodes.SynReport,
        ["code.SYN_DROPPED"] = InputCodes.SynDropped,
        ["code.BTN_TOUCH"] = InputCodes.BtnTouch,
        ["code.KEY_VOLUMEUP"] = InputCodes.KeyVolumeUp,
        ["code.REL_DIAL"] = InputCodes.RelDial,
        ["code.ABS_X"] = InputCodes.AbsX,
        ["code.ABS_Y"] = InputCodes.AbsY,
        ["code.ABS_MT_SLOT"] = InputCodes.AbsMtSlot,
        ["code.ABS_MT_POSITION_X"] = InputCodes.AbsMtPositionX,
        ["code.ABS_MT_POSITION_Y"] = InputCodes.AbsMtPositionY,
        ["code.ABS_MT_TRACKING_ID"] = InputCodes.AbsMtTrackingId,
        ["code.MSC_TIMESTAMP"] = InputCodes.MscTimestamp,
        ["code.LED_NUML"] = InputCodes.LedNuml,
        ["code.INPUT_PROP_DIRECT"] = InputCodes.InputPropDirect,
        ["code.BUS_VIRTUAL"] = InputCodes.BusVirtual,
        ["const.VIRTIO_ID_INPUT"] = InputLayout.DeviceId,
    };

    private static readonly Lazy<IReadOnlyList<(int Number, string Key, ulong Value)>> LazyLines = new(() => GoldenLines.Load("linux_virtio_input_golden.c"));

    [Fact]
    public void Every_line_linux_prints_has_an_input_counterpart_and_equals_it()
    {
        GoldenLines.AssertEveryLineMatches(LazyLines.Value, Counterparts, atLeast: 55);
    }

    [Fact]
    public void Every_input_constant_is_compared()
    {
        GoldenLines.AssertEveryCounterpartPrinted(LazyLines.Value, Counterparts, new HashSet<string>(), "linux_virtio_input_golden.c");
    }

    [Fact]
    public void Every_struct_of_virtio_input_h_is_laid_out_as_linux_has_it()
    {
        var structs = LazyLines.Value.Where(l => l.Key.StartsWith("layout.sizeof.", StringComparison.Ordinal)).Select(l => l.Key).ToList();
        Assert.Equal(["layout.sizeof.virtio_input_config", "layout.sizeof.virtio_input_config.u", "layout.sizeof.virtio_input_absinfo",
            "layout.sizeof.virtio_input_devids", "layout.sizeof.virtio_input_event"], structs);
    }
}
