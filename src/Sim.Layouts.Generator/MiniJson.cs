using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Sim.Layouts.Generator;

/// <summary>
/// A small JSON reader (RFC 8259) for the layout descriptions: objects become ordered lists of (name, value), arrays
/// lists, numbers keep their text (emitted verbatim as C# literals), strings are unescaped. System.Text.Json is not
/// used because the compiler host does not promise to load it into a netstandard2.0 generator.
/// </summary>
internal sealed class MiniJson
{
    private readonly string _text;
    private int _at;

    private MiniJson(string text) => _text = text;

    /// <summary>Reads one JSON value from <paramref name="text"/>.</summary>
    public static object? Parse(string text)
    {
        var reader = new MiniJson(text);
        object? value = reader.Value();
        reader.Space();
        if (reader._at != text.Length) throw reader.Error("text after the value");
        return value;
    }

    private object? Value()
    {
        Space();
        if (_at >= _text.Length) throw Error("a value");
        char c = _text[_at];
        if (c == '{') return Obj();
        if (c == '[') return Arr();
        if (c == '"') return Str();
        if (Word("true")) return true;
        if (Word("false")) return false;
        if (Word("null")) return null;
        int start = _at;
        while (_at < _text.Length && "+-0123456789.eE".IndexOf(_text[_at]) >= 0) _at++;
        if (_at == start) throw Error("a value");
        return new JsonNumber(_text.Substring(start, _at - start));
    }

    private List<KeyValuePair<string, object?>> Obj()
    {
        var members = new List<KeyValuePair<string, object?>>();
        _at++;
        Space();
        if (Peek('}')) return members;
        do
        {
            Space();
            string name = Str();
            Space();
            Expect(':');
            members.Add(new KeyValuePair<string, object?>(name, Value()));
            Space();
        }
        while (Peek(','));
        Expect('}');
        return members;
    }

    private List<object?> Arr()
    {
        var items = new List<object?>();
        _at++;
        Space();
        if (Peek(']')) return items;
        do items.Add(Value());
        while (SpaceThen(','));
        Space();
        Expect(']');
        return items;
    }

    private string Str()
    {
        Expect('"');
        var sb = new StringBuilder();
        while (_at < _text.Length && _text[_at] != '"')
        {
            char c = _text[_at++];
            if (c != '\\') { sb.Append(c); continue; }
            char e = _text[_at++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    sb.Append((char)int.Parse(_text.Substring(_at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    _at += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
        Expect('"');
        return sb.ToString();
    }

    private void Space() { while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++; }

    private bool SpaceThen(char c) { Space(); return Peek(c); }

    private bool Peek(char c)
    {
        if (_at < _text.Length && _text[_at] == c) { _at++; return true; }
        return false;
    }

    private bool Word(string word)
    {
        if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0) return false;
        _at += word.Length;
        return true;
    }

    private void Expect(char c)
    {
        if (!Peek(c)) throw Error("'" + c + "'");
    }

    private FormatException Error(string expected)
    {
        int line = 1;
        for (int i = 0; i < _at && i < _text.Length; i++) if (_text[i] == '\n') line++;
        return new FormatException("line " + line + ": expected " + expected);
    }
}

/// <summary>A JSON number, kept as written.</summary>
internal sealed class JsonNumber
{
    /// <summary>Makes a number of <paramref name="text"/>.</summary>
    public JsonNumber(string text) => Text = text;

    /// <summary>The number as written in the file.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}
