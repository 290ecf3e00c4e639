using FsCheck;
using FsCheck.Fluent;
using Sim.Core.Time;
using Sim.Devices.Input;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.Input;

/// <summary>
/// virtio-input's bytes (virtio 1.2, 5.8.4 and 5.8.6): an event is type le16, code le16, value le32; the configuration
/// answers a select/subsel query with size and the union as the spec says; a driver's probe of a device reads back the
/// profile the device presents; the report timestamp arithmetic is exact and wraps at 2^32 microseconds.
/// </summary>
public sealed class InputWireTests
{
    [Fact]
    public void An_event_is_type_code_and_value_little_endian()
    {
        var bytes = new byte[InputLayout.Event.Size];
        new InputEvent(InputCodes.EvAbs, InputCodes.AbsMtPositionX, 1234).EncodeInto(bytes);
        Assert.Equal(new byte[] { 0x03, 0x00, 0x35, 0x00, 0xd2, 0x04, 0x00, 0x00 }, bytes);
        new InputEvent(InputCodes.EvAbs, InputCodes.AbsMtTrackingId, -1).EncodeInto(bytes);
        Assert.Equal(new byte[] { 0x03, 0x00, 0x39, 0x00, 0xff, 0xff, 0xff, 0xff }, bytes);
        Assert.Equal(new InputEvent(3, 0x39, -1), InputEvent.Decode(bytes));
    }

    [Fact]
    public void The_touchscreen_answers_ev_bits_and_abs_info_and_nothing_it_does_not_have()
    {
        var profile = InputDeviceProfile.Touchscreen(1920, 720);
        var union = new byte[InputLayout.Config.UnionBytes];
        byte size = InputConfigSpace.Answer(profile, InputLayout.CfgEvBits, (byte)InputCodes.EvAbs, union);
        Assert.Equal(8, size);   // ABS_MT_TRACKING_ID (57) is bit 1 of byte 7
        Assert.Equal(new ushort[] { 0, 1, 47, 53, 54, 57 }, InputConfigSpace.BitsSet(union, size));
        Array.Clear(union);
        Assert.Equal(InputLayout.AbsInfo.Size, InputConfigSpace.Answer(profile, InputLayout.CfgAbsInfo, (byte)InputCodes.AbsX, union));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x7f, 0x07, 0, 0 }, union[..8]);   // min 0, max 1919
        Assert.Equal(0, InputConfigSpace.Answer(profile, InputLayout.CfgEvBits, (byte)InputCodes.EvRel, union));
        Assert.Equal(0, InputConfigSpace.Answer(profile, InputLayout.CfgAbsInfo, (byte)InputCodes.AbsMtSlot + 1, union));
        Assert.Equal(0, InputConfigSpace.Answer(profile, InputLayout.CfgUnset, 0, union));
        Assert.Equal(0, InputConfigSpace.Answer(profile, 0x7f, 0, union));
    }

    private static readonly Gen<InputDeviceProfile> Profiles =
        from name in Gen.Elements("touch", "rotary controller", "", new string('n', 200))
        from ids in Gen.Choose(0, 0xffff).ArrayOf(4)
        from keys in Gen.Choose(0, 767).ArrayOf().Select(a => a.Distinct().Order().Select(c => (ushort)c).ToArray())
        from abs in Gen.Choose(0, 63).ArrayOf().Select(a => a.Distinct().Order().Select(c => (ushort)c).ToArray())
        from ranges in Gen.Choose(-100_000, 100_000).ArrayOf(abs.Length * 2)
        select new InputDeviceProfile(name, "S" + name.Length, (ushort)ids[0], (ushort)ids[1], (ushort)ids[2], (ushort)ids[3], [1],
            Types(keys, abs), abs.Select((c, i) => new InputAxis(c, ranges[2 * i], ranges[2 * i + 1], 1, 2, 3)).ToList());

    private static Dictionary<ushort, IReadOnlyList<ushort>> Types(ushort[] keys, ushort[] abs)
    {
        var types = new Dictionary<ushort, IReadOnlyList<ushort>>();
        if (keys.Length > 0) types[InputCodes.EvKey] = keys;
        if (abs.Length > 0) types[InputCodes.EvAbs] = abs;
        return types;
    }

    [Fact]
    public void A_probe_reads_back_every_part_of_the_profile_the_device_presents()
    {
        Check.One(PropertyRuns.Config(200), Prop.ForAll(Arb.From(Profiles), profile =>
        {
            var read = InputDriverProbe.Read((select, subsel, union) => InputConfigSpace.Answer(profile, select, subsel, union));
            Assert.Equal(profile.Name[..Math.Min(profile.Name.Length, 128)], read.Name);
            Assert.Equal((profile.Bustype, profile.Vendor, profile.Product, profile.Version), (read.Bustype, read.Vendor, read.Product, read.Version));
            Assert.Equal(profile.Properties, read.Properties);
            Assert.Equal(profile.Codes.Keys.Order(), read.Codes.Keys.Order());
            foreach (var (type, codes) in profile.Codes) Assert.Equal(codes, read.Codes[type]);
            Assert.Equal(profile.Axes, read.Axes);
        }));
    }

    [Fact]
    public void A_timestamp_gives_the_exact_latency_of_a_report_on_a_whole_microsecond_even_across_the_wrap()
    {
        var gen = from micros in Gen.Choose(0, int.MaxValue).Select(v => (long)v * 4)
                  from latencyPs in Gen.Choose(0, 2_000_000_000)
                  select (micros, latencyPs);
        Check.One(PropertyRuns.Config(300), Prop.ForAll(Arb.From(gen), c =>
        {
            var at = SimTime.FromMicroseconds(c.micros);
            int stamp = InputReportSource.Timestamp(at);
            Assert.Equal(new SimTime(c.latencyPs), InputReportSource.Since(stamp, at + new SimTime(c.latencyPs)));
        }));
    }
}
