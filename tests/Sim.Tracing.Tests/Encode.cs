using Sim.Tracing.MessagePack;

namespace Sim.Tracing.Tests;

/// <summary>Small helpers: encode with a fresh writer, hex formatting.</summary>
internal static class Encode
{
    public static byte[] With(Action<MessagePackWriter> write)
    {
        var writer = new MessagePackWriter(initialCapacity: 1);
        write(writer);
        return writer.ToArray();
    }

    public static byte[] Value(MessagePackValue value) => With(value.Write);

    /// <summary>"cd 01 00" style, lower case.</summary>
    public static string Hex(ReadOnlySpan<byte> bytes) => string.Join(" ", bytes.ToArray().Select(b => b.ToString("x2")));

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    public static MessagePackValue Decode(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        var value = MessagePackValue.Read(ref reader);
        Assert.True(reader.End, $"{reader.Remaining} bytes left after the value");
        return value;
    }

    public static MessagePackValue Int(long value) => new MessagePackInteger(value);

    public static MessagePackValue Str(string value) => new MessagePackString(value);

    public static MessagePackValue Arr(params MessagePackValue[] items) => new MessagePackArray(items);

    public static MessagePackValue Map(params (MessagePackValue Key, MessagePackValue Value)[] entries) =>
        new MessagePackMap(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));
}
