using FsCheck;
using FsCheck.Fluent;
using Sim.Devices.I2c;
using Sim.Tests.Shared;

namespace Sim.Devices.Tests.I2c;

/// <summary>
/// VIRTIO_I2C_FLAGS_FAIL_NEXT groups (virtio 1.2, 5.16.6.2): over any sequence of transfers, each a group of messages
/// to present or absent targets, every message before the group's first failure is OK and every message from it on is
/// ERR, the later ones without reaching the bus; groups do not affect each other.
/// </summary>
public sealed class I2cFailNextPropertyTests
{
    private const byte Present = 0x48, Absent = 0x30;

    private static readonly Gen<(bool Present, bool Read)> Messages =
        from present in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from read in Gen.Elements(true, false)
        select (present, read);

    private static readonly Arbitrary<(bool Present, bool Read)[][]> Transfers = Arb.From(
        Gen.Choose(1, 6).SelectMany(groups => Gen.ArrayOf(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Messages, n)), groups)));

    [Fact]
    public void Every_message_after_a_failed_one_in_its_group_fails_and_none_before()
    {
        var property = Prop.ForAll(Transfers, transfers =>
        {
            var rig = new I2cRig(Present);
            var statuses = new List<List<ulong>>();
            foreach (var group in transfers)
            {
                var addresses = new List<ulong>();
                for (int i = 0; i < group.Length; i++)
                {
                    uint flags = (i < group.Length - 1 ? I2cLayout.FlagFailNext : 0) | (group[i].Read ? I2cLayout.FlagMRd : 0);
                    addresses.Add(rig.Add(group[i].Present ? Present : Absent, flags, group[i].Read ? [] : [0x00], group[i].Read ? 2 : 0));
                }
                statuses.Add(addresses);
            }
            rig.ServeAll();
            int at = 0;
            for (int g = 0; g < transfers.Length; g++)
            {
                int firstFailure = Array.FindIndex(transfers[g], m => !m.Present);
                for (int i = 0; i < transfers[g].Length; i++, at++)
                {
                    bool shouldFail = firstFailure >= 0 && i >= firstFailure;
                    byte status = rig.Byte(statuses[g][i]);
                    if (status != (shouldFail ? I2cLayout.MsgErr : I2cLayout.MsgOk)) return false.Label($"group {g} message {i}: status {status}");
                    bool skipped = firstFailure >= 0 && i > firstFailure;
                    if (skipped != (rig.Outcomes[at].Result == I2cResult.FailedInGroup)) return false.Label($"group {g} message {i}: {rig.Outcomes[at].Result}");
                }
            }
            return true.Label("ok");
        });
        Check.One(PropertyRuns.Config(200), property);
    }
}
