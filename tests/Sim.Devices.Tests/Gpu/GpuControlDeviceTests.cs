using System.Buffers.Binary;
using Sim.Devices.Gpu;

namespace Sim.Devices.Tests.Gpu;

/// <summary>
/// The controlq's bytes (virtio 1.2, 5.7.6.7-5.7.6.8): responses written at the layout's offsets with the request's
/// fence echoed, and malformed requests answered ERR_UNSPEC with the problem and its section.
/// </summary>
public sealed class GpuControlDeviceTests
{
    private static GpuControlDevice Device() => new(GpuResourceTableTests.Table());

    [Fact]
    public void Get_display_info_with_a_fence_is_answered_with_the_fence_and_scanout_0_enabled_at_the_mode_size()
    {
        var response = new byte[GpuLayout.RespDisplayInfo.Size];
        var request = new GpuGetDisplayInfo(GpuCtrlHeader.Command(GpuLayout.CmdGetDisplayInfo, fenceId: 0x1122334455667788)).Encode();
        var result = Device().Execute(request, GpuResourceTableTests.PatternMemory(out _), response, out int written);
        Assert.Equal(GpuLayout.RespDisplayInfo.Size, written);
        Assert.Null(result.Problem);
        Assert.Equal(GpuLayout.RespOkDisplayInfo, BinaryPrimitives.ReadUInt32LittleEndian(response));
        Assert.Equal(GpuLayout.FlagFence, BinaryPrimitives.ReadUInt32LittleEndian(response.AsSpan(GpuLayout.HeaderFlagsOffset)));
        Assert.Equal(0x1122334455667788UL, BinaryPrimitives.ReadUInt64LittleEndian(response.AsSpan(GpuLayout.HeaderFenceIdOffset)));
        var first = response.AsSpan(GpuLayout.RespDisplayInfo.PModes);
        Assert.Equal(new GpuRect(0, 0, 64, 32), GpuRect.Decode(first[GpuLayout.DisplayOne.Rect..]));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(first[GpuLayout.DisplayOne.Enabled..]));
        Assert.True(response.AsSpan(GpuLayout.RespDisplayInfo.PModes + GpuLayout.DisplayOne.Size).IndexOfAnyExcept((byte)0) < 0, "scanouts 1-15 are disabled");
    }

    [Fact]
    public void An_unfenced_error_response_is_a_bare_header_of_the_error_type()
    {
        var response = new byte[64];
        var result = Device().Execute(GpuResourceCreate2D.Create(0, GpuFormat.B8G8R8X8Unorm, 8, 8).Encode(), GpuResourceTableTests.PatternMemory(out _), response, out int written);
        Assert.Equal(GpuLayout.HeaderSize, written);
        Assert.Null(result.Problem);
        Assert.Equal(new GpuCtrlHeader(GpuLayout.RespErrInvalidResourceId, 0, 0, 0, 0), GpuCtrlHeader.Decode(response));
    }

    [Theory]
    [InlineData("short header", 20, 0u, 0u)]
    [InlineData("short create", 30, GpuLayout.CmdResourceCreate2D, 0u)]
    [InlineData("3D context create", 96, GpuLayout.CmdCtxCreate, 0u)]
    [InlineData("unknown type", 24, 0x0999u, 0u)]
    [InlineData("a 2D command naming a 3D context", 40, GpuLayout.CmdResourceCreate2D, 5u)]
    public void A_malformed_request_is_answered_err_unspec_with_its_problem(string what, int length, uint type, uint ctx)
    {
        var request = new byte[length];
        if (length >= GpuLayout.HeaderSize)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(request, type);
            BinaryPrimitives.WriteUInt32LittleEndian(request.AsSpan(GpuLayout.HeaderCtxIdOffset), ctx);
        }
        var response = new byte[GpuLayout.HeaderSize];
        var result = Device().Execute(request, GpuResourceTableTests.PatternMemory(out _), response, out int written);
        Assert.Equal(GpuLayout.RespErrUnspec, result.Response);
        Assert.Equal(GpuControlDevice.RequestSection, result.Section);
        Assert.False(string.IsNullOrEmpty(result.Problem), what);
        Assert.Equal(GpuLayout.HeaderSize, written);
        Assert.Equal(GpuLayout.RespErrUnspec, BinaryPrimitives.ReadUInt32LittleEndian(response));
    }

    [Fact]
    public void Too_little_room_for_the_response_writes_nothing_and_says_so()
    {
        var response = new byte[GpuLayout.HeaderSize];
        var result = Device().Execute(GpuGetDisplayInfo.Create().Encode(), GpuResourceTableTests.PatternMemory(out _), response, out int written);
        Assert.Equal(0, written);
        Assert.Contains("cannot hold", result.Problem);
        Assert.True(response.AsSpan().IndexOfAnyExcept((byte)0) < 0);
    }
}
