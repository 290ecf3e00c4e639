using System.Globalization;
using Sim.Core.Time;

namespace Sim.Hypervisors.Costs;

/// <summary>
/// The formula of a <see cref="ProvenanceKind.Derived"/> cost: <c>+ - * /</c>, parentheses, plain numbers, times with a
/// unit (<c>500ns</c>, <c>1.5us</c>), cycle counts (<c>1200 cycles</c>, at the profile's CPU frequency) and other
/// entries by name (<c>xen.hypercall</c>). Units are checked: times add to times, a bandwidth scales by a number, a
/// time divided by a time is a number. Parsed once; evaluated against a profile whenever an entry it names changes.
/// </summary>
public sealed class CostFormula
{
    private readonly Node _root;

    private CostFormula(string text, Node root, IReadOnlyList<string> names)
    {
        Text = text;
        _root = root;
        References = names;
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The entries it names, in order of first use.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>Parses <paramref name="text"/>; a <see cref="CostFormulaException"/> names the character where it went wrong.</summary>
    public static CostFormula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var root = parser.Expression();
        parser.SkipSpaces();
        if (!parser.AtEnd) throw parser.Error($"expected an operator (+ - * /) or the end, found '{text[parser.Position]}'");
        return new CostFormula(text, root, parser.Names);
    }

    /// <summary>
    /// The value: a time (kind Time, seconds) or a bandwidth (kind Rate, B/s). <paramref name="entry"/>
    /// gives each named entry's value; <paramref name="hertz"/> converts cycles (null: cycles are an error).
    /// </summary>
    public CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var result = _root.Evaluate(entry, hertz, Text);
        if (result.Kind == QuantityKind.Number)
            throw new CostFormulaException(Text, 0, "the formula gives a plain number; a cost is a time or a bandwidth");
        return result;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private abstract record Node(int At)
    {
        public abstract CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz, string text);
    }

    private sealed record Literal(int At, CostQuantity Value, bool Cycles) : Node(At)
    {
        public override CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz, string text)
        {
            if (!Cycles) return Value;
            if (hertz is null) throw new CostFormulaException(text, At, "cycles need the profile's cpuFrequency");
            return new CostQuantity(QuantityKind.Time, Value.Value / hertz.Value);
        }
    }

    private sealed record Reference(int At, string Name) : Node(At)
    {
        public override CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz, string text) => entry(Name);
    }

    private sealed record Negate(int At, Node Operand) : Node(At)
    {
        public override CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz, string text)
        {
            var value = Operand.Evaluate(entry, hertz, text);
            return value with { Value = -value.Value };
        }
    }

    private sealed record Binary(int At, char Operator, Node Left, Node Right) : Node(At)
    {
        public override CostQuantity Evaluate(Func<string, CostQuantity> entry, double? hertz, string text)
        {
            var a = Left.Evaluate(entry, hertz, text);
            var b = Right.Evaluate(entry, hertz, text);
            const QuantityKind number = QuantityKind.Number;
            CostQuantity? result = Operator switch
            {
                '+' or '-' when a.Kind == b.Kind => new CostQuantity(a.Kind, Operator == '+' ? a.Value + b.Value : a.Value - b.Value),
                '*' when a.Kind == number => new CostQuantity(b.Kind, a.Value * b.Value),
                '*' when b.Kind == number => new CostQuantity(a.Kind, a.Value * b.Value),
                '/' when b.Kind == number => new CostQuantity(a.Kind, a.Value / b.Value),
                '/' when a.Kind == b.Kind => new CostQuantity(number, a.Value / b.Value),
                _ => null,
            };
            return result ?? throw new CostFormulaException(text, At, $"cannot {Verb(Operator)} a {a.KindName} and a {b.KindName}");
        }

        private static string Verb(char op) => op switch { '+' => "add", '-' => "subtract", '*' => "multiply", _ => "divide" };
    }

    private sealed class Parser(string text)
    {
        private readonly List<string> _names = new();

        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public IReadOnlyList<string> Names => _names;

        public CostFormulaException Error(string problem) => new(text, Position, problem);

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position])) Position++;
        }

        public Node Expression()
        {
            var left = Term();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || (text[Position] != '+' && text[Position] != '-')) return left;
                int at = Position;
                char op = text[Position++];
                left = new Binary(at, op, left, Term());
            }
        }

        private Node Term()
        {
            var left = Factor();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || (text[Position] != '*' && text[Position] != '/')) return left;
                int at = Position;
                char op = text[Position++];
                left = new Binary(at, op, left, Factor());
            }
        }

        private Node Factor()
        {
            SkipSpaces();
            if (AtEnd) throw Error("expected a number, a time, an entry name or '(', found the end");
            int at = Position;
            char c = text[Position];
            if (c == '(')
            {
                Position++;
                var inner = Expression();
                SkipSpaces();
                if (AtEnd || text[Position] != ')') throw Error("expected ')'");
                Position++;
                return inner;
            }
            if (c == '-')
            {
                Position++;
                return new Negate(at, Factor());
            }
            if (char.IsDigit(c) || c == '.') return Number(at);
            if (char.IsLetter(c) || c == '_') return Name(at);
            throw Error($"expected a number, a time, an entry name or '(', found '{c}'");
        }

        private Node Number(int at)
        {
            while (!AtEnd && (char.IsDigit(text[Position]) || text[Position] == '.')) Position++;
            if (!AtEnd && (text[Position] == 'e' || text[Position] == 'E') && Position + 1 < text.Length
                && (char.IsDigit(text[Position + 1]) || text[Position + 1] is '+' or '-'))
            {
                Position += 2;
                while (!AtEnd && char.IsDigit(text[Position])) Position++;
            }
            string digits = text[at..Position];
            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new CostFormulaException(text, at, $"'{digits}' is not a number");
            int unitStart = Position;
            SkipSpaces();
            int wordStart = Position;
            while (!AtEnd && (char.IsLetter(text[Position]) || text[Position] == 'µ')) Position++;
            string unit = text[wordStart..Position];
            if (unit.Length == 0)
            {
                Position = unitStart;
                return new Literal(at, new CostQuantity(QuantityKind.Number, value), Cycles: false);
            }
            if (unit == "cycles") return new Literal(at, new CostQuantity(QuantityKind.Number, value), Cycles: true);
            if (wordStart != unitStart) throw new CostFormulaException(text, wordStart, $"a time unit follows its number without a space ('{digits}{unit}'); or an operator is missing");
            if (!SimTime.TryParse(digits + unit, out SimTime time, out string error))
                throw new CostFormulaException(text, at, error);
            return new Literal(at, new CostQuantity(QuantityKind.Time, time.TotalSeconds), Cycles: false);
        }

        private Node Name(int at)
        {
            while (!AtEnd && (char.IsLetterOrDigit(text[Position]) || text[Position] is '.' or '_')) Position++;
            string name = text[at..Position];
            if (!_names.Contains(name)) _names.Add(name);
            return new Reference(at, name);
        }
    }
}

/// <summary>The kind of a value in a <see cref="CostFormula"/>.</summary>
public enum QuantityKind
{
    /// <summary>A plain number (a count or a ratio).</summary>
    Number,
    /// <summary>A time, in seconds.</summary>
    Time,
    /// <summary>A bandwidth, in bytes per second.</summary>
    Rate,
}

/// <summary>A value in a <see cref="CostFormula"/>: a number, a time (seconds) or a bandwidth (B/s). Plain data.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Value">Its magnitude in the kind's unit.</param>
public readonly record struct CostQuantity(QuantityKind Kind, double Value)
{
    /// <summary>The kind in words, for messages.</summary>
    public string KindName => Kind switch { QuantityKind.Number => "number", QuantityKind.Time => "time", _ => "bandwidth" };
}

/// <summary>A formula that does not parse or does not evaluate: the formula, the character (0-based) and the problem.</summary>
public sealed class CostFormulaException(string formula, int position, string problem)
    : Exception($"at character {position + 1} of '{formula}': {problem}")
{
    /// <summary>The formula.</summary>
    public string Formula { get; } = formula;

    /// <summary>Where in it, 0-based.</summary>
    public int Position { get; } = position;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = problem;
}
