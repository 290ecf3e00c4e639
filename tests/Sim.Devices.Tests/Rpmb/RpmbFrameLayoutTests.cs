using System.Security.Cryptography;
using Sim.Devices.Rpmb;

namespace Sim.Devices.Tests.Rpmb;

/// <summary>
/// The frame and configuration layouts against the numbers of the virtio 1.2 text (5.12.4, 5.12.6, 5.12.6.1),
/// written out here by hand rather than derived from the constants under test.
/// </summary>
public sealed class RpmbFrameLayoutTests
{
    [Fact]
    public void A_frame_is_512_bytes_and_its_fields_tile_it()
    {
        Assert.Equal(512, RpmbLayout.FrameSize);
        Assert.Equal(196, RpmbLayout.StuffSize);
        Assert.Equal(32, RpmbLayout.KeyMacSize);
        Assert.Equal(256, RpmbLayout.DataSize);
        Assert.Equal(16, RpmbLayout.NonceSize);
        Assert.Equal(512, RpmbLayout.ReqRespOffset + sizeof(ushort));
    }

    [Theory]
    [InlineData(nameof(RpmbLayout.StuffOffset), 0)]
    [InlineData(nameof(RpmbLayout.KeyMacOffset), 196)]
    [InlineData(nameof(RpmbLayout.DataOffset), 228)]
    [InlineData(nameof(RpmbLayout.NonceOffset), 484)]
    [InlineData(nameof(RpmbLayout.WriteCounterOffset), 500)]
    [InlineData(nameof(RpmbLayout.AddressOffset), 504)]
    [InlineData(nameof(RpmbLayout.BlockCountOffset), 506)]
    [InlineData(nameof(RpmbLayout.ResultOffset), 508)]
    [InlineData(nameof(RpmbLayout.ReqRespOffset), 510)]
    [InlineData(nameof(RpmbLayout.MacMessageOffset), 228)]
    [InlineData(nameof(RpmbLayout.MacMessageSize), 284)]
    [InlineData(nameof(RpmbLayout.ConfigCapacityOffset), 0)]
    [InlineData(nameof(RpmbLayout.ConfigMaxWriteCountOffset), 1)]
    [InlineData(nameof(RpmbLayout.ConfigMaxReadCountOffset), 2)]
    [InlineData(nameof(RpmbLayout.ConfigSize), 3)]
    [InlineData(nameof(RpmbLayout.DeviceId), 28)]
    [InlineData(nameof(RpmbLayout.BlocksPerCapacityUnit), 512)]
    public void Layout_constants_have_the_spec_values(string name, int expected)
    {
        object? value = typeof(RpmbLayout).GetField(name)!.GetValue(null);
        Assert.Equal(expected, Convert.ToInt32(value));
    }

    [Fact]
    public void Request_response_and_result_codes_have_the_spec_values()
    {
        Assert.Equal(new ushort[] { 1, 2, 3, 4, 5 }, Enum.GetValues<RpmbRequestType>().Select(v => (ushort)v));
        Assert.Equal(new ushort[] { 0x100, 0x200, 0x300, 0x400 }, Enum.GetValues<RpmbResponseType>().Select(v => (ushort)v));
        Assert.Equal(new ushort[] { 0, 1, 2, 3, 4, 5, 6, 7, 0x80 }, Enum.GetValues<RpmbResult>().Select(v => (ushort)v));
    }

    [Fact]
    public void A_known_frame_encodes_big_endian_byte_by_byte()
    {
        byte[] key = Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray();
        byte[] data = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        byte[] nonce = Enumerable.Range(0, 16).Select(i => (byte)(0xF0 | i)).ToArray();
        byte[] stuff = Enumerable.Repeat((byte)0x5A, 196).ToArray();
        var frame = new RpmbFrame(key, data, nonce, writeCounter: 0x0102_0304, address: 0x0506, blockCount: 0x0708,
            result: RpmbResult.WriteCounterExpired | RpmbResult.AuthFailure, reqResp: 0x0300, stuff: stuff);

        byte[] bytes = frame.Encode();

        Assert.Equal(512, bytes.Length);
        for (int i = 0; i < 196; i++) Assert.Equal(0x5A, bytes[i]);
        for (int i = 0; i < 32; i++) Assert.Equal(0xA0 + i, bytes[196 + i]);
        for (int i = 0; i < 256; i++) Assert.Equal(i, bytes[228 + i]);
        for (int i = 0; i < 16; i++) Assert.Equal(0xF0 | i, bytes[484 + i]);
        Assert.Equal(new byte[] { 0x01, 0x02, 0x03, 0x04 }, bytes[500..504]);
        Assert.Equal(new byte[] { 0x05, 0x06 }, bytes[504..506]);
        Assert.Equal(new byte[] { 0x07, 0x08 }, bytes[506..508]);
        Assert.Equal(new byte[] { 0x00, 0x82 }, bytes[508..510]);
        Assert.Equal(new byte[] { 0x03, 0x00 }, bytes[510..512]);
        Assert.Equal(frame, RpmbFrame.Decode(bytes));
    }

    [Fact]
    public void The_mac_is_hmac_sha256_of_bytes_228_to_511_and_ignores_stuff_and_key_mac()
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        byte[] frame = Enumerable.Range(0, 512).Select(i => (byte)(i * 7)).ToArray();
        byte[] expected = HMACSHA256.HashData(key, frame[228..512]);
        var mac = new byte[32];

        RpmbMac.Compute(key, frame, mac);
        Assert.Equal(expected, mac);

        frame[0] ^= 0xFF;
        frame[196] ^= 0xFF;
        RpmbMac.Compute(key, frame, mac);
        Assert.Equal(expected, mac);

        frame[511] ^= 0x01;
        RpmbMac.Compute(key, frame, mac);
        Assert.NotEqual(expected, mac);
    }

    [Fact]
    public void The_mac_of_several_frames_covers_their_ranges_concatenated()
    {
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)(i * 3)).ToArray();
        byte[] frames = Enumerable.Range(0, 3 * 512).Select(i => (byte)(i * 13 + 1)).ToArray();
        byte[] message = [.. frames[228..512], .. frames[740..1024], .. frames[1252..1536]];
        var mac = new byte[32];

        RpmbMac.Compute(key, frames, mac);

        Assert.Equal(HMACSHA256.HashData(key, message), mac);
    }

    [Fact]
    public void The_config_is_capacity_then_max_wr_cnt_then_max_rd_cnt()
    {
        var bytes = new byte[3];
        new RpmbConfig(Capacity: 0x80, MaxWriteCount: 2, MaxReadCount: 9).WriteTo(bytes);
        Assert.Equal(new byte[] { 0x80, 2, 9 }, bytes);
        Assert.Equal(new RpmbConfig(0x80, 2, 9), RpmbConfig.Decode(bytes));
        Assert.Equal(65536, new RpmbConfig(0x80, 0, 0).Blocks);
        Assert.False(new RpmbConfig(0x81, 0, 0).IsValid);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpmbPartition(new RpmbConfig(0x81, 1, 1)));
    }
}
