using Sim.Hypervisors.Memory;

namespace Sim.Hypervisors.Tests.Memory;

/// <summary>
/// <see cref="GuestMemory.Copy"/> moves page to page exactly as a <see cref="GuestMemory.Read"/> followed by a
/// <see cref="GuestMemory.Write"/> would: same bytes at odd offsets across page boundaries, unwritten source pages copy
/// as zeros, every destination page is materialised; overlapping and out-of-range copies are refused.
/// </summary>
public sealed class GuestMemoryCopyTests
{
    private const ulong Page = GuestMemory.PageSize;

    [Theory]
    [InlineData(0UL, 8 * Page, 3 * Page)]
    [InlineData(7UL, 9 * Page + 100, 2 * Page + 13)]
    [InlineData(Page - 1, 12 * Page + Page - 2, 5000UL)]
    [InlineData(3 * Page + 5, 4UL, 1UL)]
    public void Copy_matches_read_then_write_and_materialises_the_same_pages(ulong from, ulong to, ulong length)
    {
        var copied = new GuestMemory("vm", 16 * Page);
        var staged = new GuestMemory("vm", 16 * Page);
        var bytes = new byte[2 * Page];
        new Random(3).NextBytes(bytes);
        foreach (var memory in new[] { copied, staged })
        {
            memory.Write(from, bytes.AsSpan(0, (int)Math.Min(length, Page)));   // the rest of the source stays unwritten
            memory.Write(to + length, [0x5A]);                                   // a neighbour the copy must not touch
        }

        copied.Copy(from, to, length);
        var buffer = new byte[length];
        staged.Read(from, buffer);
        staged.Write(to, buffer);

        var a = new byte[16 * Page];
        var b = new byte[16 * Page];
        copied.Read(0, a);
        staged.Read(0, b);
        Assert.Equal(b, a);
        Assert.Equal(staged.MaterialisedPages, copied.MaterialisedPages);
    }

    [Fact]
    public void Overlapping_or_out_of_range_copies_are_refused()
    {
        var memory = new GuestMemory("vm", 4 * Page);
        Assert.Throws<ArgumentException>(() => memory.Copy(0, 100, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Copy(0, 4 * Page - 10, 20));
        Assert.Equal(0, memory.MaterialisedPages);
    }
}
