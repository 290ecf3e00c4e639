namespace Sim.Tracing.MessagePack;

/// <summary>
/// What each first byte means: the table in the MessagePack specification, section "Formats / Overview"
/// (https://github.com/msgpack/msgpack/blob/master/spec.md#overview), used to classify values and name them in errors.
/// </summary>
internal static class MessagePackFormats
{
    /// <summary>The type a format code starts, or null for the never-used 0xc1.</summary>
    public static MessagePackType? TypeOf(byte code) => code switch
    {
        <= MessagePackCode.MaxPositiveFixInt => MessagePackType.Integer,
        <= MessagePackCode.MaxFixMap => MessagePackType.Map,
        <= MessagePackCode.MaxFixArray => MessagePackType.Array,
        <= MessagePackCode.MaxFixStr => MessagePackType.String,
        MessagePackCode.Nil => MessagePackType.Nil,
        MessagePackCode.NeverUsed => null,
        MessagePackCode.False or MessagePackCode.True => MessagePackType.Boolean,
        >= MessagePackCode.Bin8 and <= MessagePackCode.Bin32 => MessagePackType.Binary,
        >= MessagePackCode.Ext8 and <= MessagePackCode.Ext32 => MessagePackType.Extension,
        MessagePackCode.Float32 or MessagePackCode.Float64 => MessagePackType.Float,
        >= MessagePackCode.UInt8 and <= MessagePackCode.Int64 => MessagePackType.Integer,
        >= MessagePackCode.FixExt1 and <= MessagePackCode.FixExt16 => MessagePackType.Extension,
        >= MessagePackCode.Str8 and <= MessagePackCode.Str32 => MessagePackType.String,
        MessagePackCode.Array16 or MessagePackCode.Array32 => MessagePackType.Array,
        MessagePackCode.Map16 or MessagePackCode.Map32 => MessagePackType.Map,
        _ => MessagePackType.Integer, // negative fixint, 0xe0-0xff
    };

    /// <summary>The spec's name for the format a code starts.</summary>
    public static string Name(byte code) => code switch
    {
        <= MessagePackCode.MaxPositiveFixInt => "positive fixint",
        <= MessagePackCode.MaxFixMap => "fixmap",
        <= MessagePackCode.MaxFixArray => "fixarray",
        <= MessagePackCode.MaxFixStr => "fixstr",
        MessagePackCode.Nil => "nil",
        MessagePackCode.NeverUsed => "(never used)",
        MessagePackCode.False => "false",
        MessagePackCode.True => "true",
        MessagePackCode.Bin8 => "bin 8",
        MessagePackCode.Bin16 => "bin 16",
        MessagePackCode.Bin32 => "bin 32",
        MessagePackCode.Ext8 => "ext 8",
        MessagePackCode.Ext16 => "ext 16",
        MessagePackCode.Ext32 => "ext 32",
        MessagePackCode.Float32 => "float 32",
        MessagePackCode.Float64 => "float 64",
        MessagePackCode.UInt8 => "uint 8",
        MessagePackCode.UInt16 => "uint 16",
        MessagePackCode.UInt32 => "uint 32",
        MessagePackCode.UInt64 => "uint 64",
        MessagePackCode.Int8 => "int 8",
        MessagePackCode.Int16 => "int 16",
        MessagePackCode.Int32 => "int 32",
        MessagePackCode.Int64 => "int 64",
        MessagePackCode.FixExt1 => "fixext 1",
        MessagePackCode.FixExt2 => "fixext 2",
        MessagePackCode.FixExt4 => "fixext 4",
        MessagePackCode.FixExt8 => "fixext 8",
        MessagePackCode.FixExt16 => "fixext 16",
        MessagePackCode.Str8 => "str 8",
        MessagePackCode.Str16 => "str 16",
        MessagePackCode.Str32 => "str 32",
        MessagePackCode.Array16 => "array 16",
        MessagePackCode.Array32 => "array 32",
        MessagePackCode.Map16 => "map 16",
        MessagePackCode.Map32 => "map 32",
        _ => "negative fixint",
    };
}
