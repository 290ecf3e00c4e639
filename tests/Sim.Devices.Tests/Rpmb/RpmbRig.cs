using Sim.Devices.Rpmb;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>
/// A partition and a driver-side client with a key, plus the snapshot the "changes nothing" checks compare: contents,
/// write counter and state. Requests go through <see cref="Send"/>, which gives the device as many response frames as asked.
/// </summary>
internal sealed class RpmbRig
{
    /// <summary>One capacity unit (512 blocks), writes of up to 4 blocks, reads of up to 8.</summary>
    public static readonly RpmbConfig SmallConfig = new(Capacity: 1, MaxWriteCount: 4, MaxReadCount: 8);

    public RpmbRig(byte[] key, RpmbConfig? config = null, uint writeCounter = 0)
    {
        Key = key;
        Partition = new RpmbPartition(config ?? SmallConfig, writeCounter);
        Client = new RpmbClient(key);
    }

    public byte[] Key { get; }

    public RpmbPartition Partition { get; }

    public RpmbClient Client { get; }

    /// <summary>A rig whose partition has <paramref name="key"/> programmed (checked).</summary>
    public static RpmbRig Programmed(byte[] key, RpmbConfig? config = null, uint writeCounter = 0)
    {
        var rig = new RpmbRig(key, config, writeCounter);
        var (outcome, _) = rig.Send(rig.Client.ProgramKey(), 1);
        Assert.Equal(RpmbResult.Ok, outcome.Result & ~RpmbResult.WriteCounterExpired);
        return rig;
    }

    /// <summary>Processes <paramref name="request"/> with room for <paramref name="responseFrames"/> frames; returns the outcome and the written frames.</summary>
    public (RpmbOutcome Outcome, byte[] Response) Send(byte[] request, int responseFrames)
    {
        var room = new byte[responseFrames * RpmbLayout.FrameSize];
        RpmbOutcome outcome = Partition.Process(request, room);
        return (outcome, room.AsSpan(0, outcome.ResponseBytes).ToArray());
    }

    /// <summary>What the "changes nothing" checks compare.</summary>
    public (byte[] Contents, uint Counter, RpmbPartitionState State) Snapshot() =>
        (Partition.Contents.ToArray(), Partition.WriteCounter, Partition.State);

    /// <summary>Whether the partition is as <paramref name="before"/> recorded.</summary>
    public bool Unchanged((byte[] Contents, uint Counter, RpmbPartitionState State) before) =>
        Partition.Contents.SequenceEqual(before.Contents) && Partition.WriteCounter == before.Counter && Partition.State == before.State;

    /// <summary>The blocks an authenticated read returns, after checking the response verifies and echoes the nonce.</summary>
    public byte[] ReadVerified(ushort address, ushort blocks, byte[] nonce)
    {
        var (outcome, response) = Send(RpmbClient.DataRead(address, blocks, nonce), blocks);
        Assert.Equal(RpmbResult.Ok, outcome.Result);
        Assert.Equal(RpmbResponseCheck.Valid, Client.Check(response, RpmbResponseType.DataRead, nonce));
        var data = new byte[blocks * RpmbLayout.BlockSize];
        for (int i = 0; i < blocks; i++)
            RpmbFrameFields.Data(response.AsSpan(i * RpmbLayout.FrameSize)).CopyTo(data.AsSpan(i * RpmbLayout.BlockSize));
        return data;
    }
}
