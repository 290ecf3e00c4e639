namespace Sim.Tracing.MessagePack;

/// <summary>
/// The type system of MessagePack: the kind of value a format encodes, independent of its width. See the MessagePack
/// specification, section "Type system" (https://github.com/msgpack/msgpack/blob/master/spec.md#type-system).
/// </summary>
public enum MessagePackType
{
    /// <summary>Nil (format nil, 0xc0).</summary>
    Nil,

    /// <summary>Boolean (formats false 0xc2 and true 0xc3).</summary>
    Boolean,

    /// <summary>Integer (positive/negative fixint, uint 8/16/32/64 0xcc-0xcf, int 8/16/32/64 0xd0-0xd3).</summary>
    Integer,

    /// <summary>Float (float 32 0xca, float 64 0xcb).</summary>
    Float,

    /// <summary>String, UTF-8 (fixstr 0xa0-0xbf, str 8/16/32 0xd9-0xdb).</summary>
    String,

    /// <summary>Binary, a byte array (bin 8/16/32 0xc4-0xc6).</summary>
    Binary,

    /// <summary>Array, a sequence of values (fixarray 0x90-0x9f, array 16/32 0xdc-0xdd).</summary>
    Array,

    /// <summary>Map, a sequence of key-value pairs (fixmap 0x80-0x8f, map 16/32 0xde-0xdf).</summary>
    Map,

    /// <summary>Extension, typed opaque bytes (fixext 1/2/4/8/16 0xd4-0xd8, ext 8/16/32 0xc7-0xc9).</summary>
    Extension,
}
