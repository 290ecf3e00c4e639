using System.Globalization;

namespace Sim.Scenarios.Claims;

/// <summary>
/// Reads a claim's assertion (grammar in <see cref="Claim"/>'s terms):
/// <code>
/// claim      = sum relation sum [ "within" number "%" ] [ "at" ("some" | "every") "point" ] [ "where" condition { "and" condition } ]
/// relation   = "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "=="
/// sum        = product { ("+" | "-") product }      product = unary { ("*" | "/") unary }
/// unary      = "-" unary | number | metric | "'" pattern "'" | "(" sum ")"
/// metric     = NAME [ "[" WORLD "]" ]              condition = PARAMETER ("&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "==" | "!=") VALUE
/// </code>
/// A metric name runs over letters, digits and <c>. _ / -</c>, so operators between names are written with spaces
/// (<c>a - b</c>, <c>a / b</c>). A mistake throws <see cref="ClaimSyntaxException"/> with its offset in the text.
/// </summary>
public sealed class ClaimParser
{
    private readonly string _text;
    private int _at;

    private ClaimParser(string text) => _text = text;

    /// <summary>The claim <paramref name="name"/> asserting <paramref name="text"/>, written at <paramref name="line"/>:<paramref name="column"/>.</summary>
    public static Claim Parse(string name, string text, int line, int column)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ClaimParser(text);
        var comparison = parser.Comparison();
        bool some = parser.Quantifier();
        var where = new List<PointCondition>();
        if (parser.TryWord("where"))
        {
            do where.Add(parser.Condition());
            while (parser.TryWord("and"));
        }
        parser.Skip();
        if (parser._at < text.Length) throw parser.Error($"expected 'at some point', 'where', 'and' or the end, found '{text[parser._at]}'");
        return new Claim(name, text, comparison, where, line, column) { AtSomePoint = some };
    }

    /// <summary><c>at some point</c> (true) or <c>at every point</c> (false, also when absent).</summary>
    private bool Quantifier()
    {
        int at = Position();
        if (!TryWord("at")) return false;
        bool some = TryWord("some");
        if (!some && !TryWord("every")) throw Error("expected 'at some point' or 'at every point'", at);
        if (!TryWord("point")) throw Error("expected 'point' after 'at some' or 'at every'");
        return some;
    }

    private ClaimComparison Comparison()
    {
        var left = Sum();
        int at = Position();
        var relation = Relation() ?? throw Error("expected a comparison (<, <=, >, >=, ==) between two sides", at);
        var right = Sum();
        double tolerance = 0;
        int withinAt = Position();
        if (TryWord("within"))
        {
            tolerance = Number() / 100;
            Skip();
            if (!TryChar('%')) throw Error("expected '%' after the tolerance, as in 'within 5%'");
            if (relation != ClaimRelation.Equal) throw Error("a tolerance ('within N%') goes with '==' only", withinAt);
        }
        return new ClaimComparison(left, relation, right, tolerance);
    }

    private ClaimRelation? Relation()
    {
        Skip();
        if (Ahead("<=")) return Take(2, ClaimRelation.LessOrEqual);
        if (Ahead(">=")) return Take(2, ClaimRelation.GreaterOrEqual);
        if (Ahead("==")) return Take(2, ClaimRelation.Equal);
        if (Ahead("<")) return Take(1, ClaimRelation.Less);
        if (Ahead(">")) return Take(1, ClaimRelation.Greater);
        return null;
    }

    private ClaimRelation Take(int length, ClaimRelation relation)
    {
        _at += length;
        return relation;
    }

    private PointCondition Condition()
    {
        int at = Position();
        string parameter = Word("a swept parameter's name", at);
        Skip();
        string? op = new[] { "<=", ">=", "==", "!=", "<", ">" }.FirstOrDefault(Ahead);
        if (op is null) throw Error($"expected a comparison (<, <=, >, >=, ==, !=) after '{parameter}'");
        _at += op.Length;
        string value = Word("a value as the sweep writes it, e.g. 4, 4KiB or grant-map", Position());
        return new PointCondition(parameter, op, value);
    }

    private ClaimTerm Sum()
    {
        var term = Product();
        while (true)
        {
            Skip();
            if (TryChar('+')) term = new BinaryTerm('+', term, Product());
            else if (TryChar('-')) term = new BinaryTerm('-', term, Product());
            else return term;
        }
    }

    private ClaimTerm Product()
    {
        var term = Unary();
        while (true)
        {
            Skip();
            if (TryChar('*')) term = new BinaryTerm('*', term, Unary());
            else if (TryChar('/')) term = new BinaryTerm('/', term, Unary());
            else return term;
        }
    }

    private ClaimTerm Unary()
    {
        Skip();
        if (_at >= _text.Length) throw Error("expected a number, a metric or '(', found the end");
        char c = _text[_at];
        if (c == '-')
        {
            _at++;
            return new NegatedTerm(Unary());
        }
        if (c == '(')
        {
            _at++;
            var inner = Sum();
            Skip();
            if (!TryChar(')')) throw Error("expected ')'");
            return inner;
        }
        if (c == '\'')
        {
            int close = _text.IndexOf('\'', _at + 1);
            if (close < 0) throw Error("a quoted metric pattern has no closing quote");
            string pattern = _text[(_at + 1)..close];
            if (pattern.Length == 0) throw Error("expected a metric pattern between the quotes, e.g. 'icc/bus/energy.total'");
            _at = close + 1;
            return new MetricReference(pattern, null, true);
        }
        if (char.IsAsciiDigit(c) || c == '.') return new NumberTerm(Number());
        if (char.IsAsciiLetter(c)) return Metric();
        throw Error($"expected a number, a metric or '(', found '{c}'");
    }

    private MetricReference Metric()
    {
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or '_' or '/' or '-')) _at++;
        string name = _text[start.._at];
        if (name.EndsWith('/') || name.EndsWith('.') || name.EndsWith('-'))
            throw Error($"'{name}' is not a metric name; write operators with spaces around them (a - b, a / b)", start);
        if (!TryChar('[')) return new MetricReference(name, null, false);
        int worldAt = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or '_' or '-')) _at++;
        string world = _text[worldAt.._at];
        if (world.Length == 0) throw Error("expected a guest or variant name between '[' and ']'", worldAt);
        if (!TryChar(']')) throw Error("expected ']' after the guest or variant name");
        return new MetricReference(name, world, false);
    }

    private double Number()
    {
        Skip();
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] == '.')) _at++;
        if (_at < _text.Length && _text[_at] is 'e' or 'E')
        {
            int mark = _at++;
            if (_at < _text.Length && _text[_at] is '+' or '-') _at++;
            if (_at >= _text.Length || !char.IsAsciiDigit(_text[_at])) _at = mark;
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at])) _at++;
        }
        if (!double.TryParse(_text.AsSpan(start, _at - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            throw Error("expected a number", start);
        if (_at < _text.Length && char.IsAsciiLetter(_text[_at]))
            throw Error("a number in a claim is plain, in SI units (seconds, bytes, joules): 50us is 50e-6", start);
        return value;
    }

    private string Word(string expected, int at)
    {
        Skip();
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] is '.' or '_' or '-')) _at++;
        if (_at == start) throw Error($"expected {expected}", at);
        return _text[start.._at];
    }

    private bool TryWord(string word)
    {
        Skip();
        int end = _at + word.Length;
        if (!Ahead(word) || (end < _text.Length && char.IsAsciiLetterOrDigit(_text[end]))) return false;
        _at = end;
        return true;
    }

    private bool TryChar(char c)
    {
        if (_at >= _text.Length || _text[_at] != c) return false;
        _at++;
        return true;
    }

    private bool Ahead(string s) => string.CompareOrdinal(_text, _at, s, 0, s.Length) == 0 && _at + s.Length <= _text.Length;

    private int Position()
    {
        Skip();
        return _at;
    }

    private void Skip()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
    }

    private ClaimSyntaxException Error(string problem, int? at = null) => new(at ?? _at, problem);
}

/// <summary>A mistake in a claim's text, at <see cref="Offset"/> characters from its start.</summary>
/// <param name="offset">Where in the text.</param>
/// <param name="problem">What was expected.</param>
public sealed class ClaimSyntaxException(int offset, string problem) : FormatException(problem)
{
    /// <summary>Characters from the start of the claim's text.</summary>
    public int Offset { get; } = offset;
}
