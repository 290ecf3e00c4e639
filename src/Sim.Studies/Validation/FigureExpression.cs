using System.Globalization;
using System.Text.RegularExpressions;
using Sim.Worlds.Results;

using Sim.Scenarios.Model;

namespace Sim.Studies.Validation;

/// <summary>
/// How a figure is read from a run: arithmetic (<c>+ - * /</c>, parentheses, numbers) over functions of the run's
/// results. Paths are quoted and may hold <c>*</c>, which matches any run of characters (slashes included):
/// <list type="bullet">
/// <item><c>rate('vm*/net0/driver/rxPackets')</c>: the matching counters' counts summed, per second of the measured window;</item>
/// <item><c>iops('vm*/blk0')</c>: the matching devices' completed requests per second (their drivers' <c>requests</c>);</item>
/// <item><c>value('vm/blk0/driver/latency', 'mean')</c>: a metric's summary value (summed over the matches);</item>
/// <item><c>window()</c>: the measured window in seconds.</item>
/// </list>
/// A path that matches nothing is an error, not a zero, so a renamed metric cannot pass silently.
/// </summary>
public sealed class FigureExpression
{
    private readonly Node _root;

    private FigureExpression(string text, Node root)
    {
        Text = text;
        _root = root;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; a <see cref="FormatException"/> says where it went wrong.</summary>
    public static FigureExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var root = parser.Expression();
        parser.SkipSpaces();
        if (!parser.AtEnd) throw parser.Error($"expected an operator or the end, found '{text[parser.Position]}'");
        return new FigureExpression(text, root);
    }

    /// <summary>The value of the expression for <paramref name="results"/>; an <see cref="InvalidOperationException"/> names a path that matches nothing.</summary>
    public double Evaluate(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return _root.Evaluate(new Context(results));
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private sealed class Context(RunResults results)
    {
        private IReadOnlyList<DeviceComparison>? _devices;

        public RunResults Results { get; } = results;

        public double Window => Math.Max((Results.Outcome.SimulatedTime - Results.Warmup).TotalSeconds, double.Epsilon);

        public IReadOnlyList<DeviceComparison> Devices => _devices ??= DeviceComparison.From(Results);
    }

    private abstract record Node
    {
        public abstract double Evaluate(Context context);
    }

    private sealed record Number(double Value) : Node
    {
        public override double Evaluate(Context context) => Value;
    }

    private sealed record Negate(Node Operand) : Node
    {
        public override double Evaluate(Context context) => -Operand.Evaluate(context);
    }

    private sealed record Binary(char Operator, Node Left, Node Right) : Node
    {
        public override double Evaluate(Context context)
        {
            double a = Left.Evaluate(context), b = Right.Evaluate(context);
            return Operator switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b };
        }
    }

    private sealed record Call(string Function, IReadOnlyList<string> Arguments) : Node
    {
        public override double Evaluate(Context context) => Function switch
        {
            "window" => context.Window,
            "rate" => Metrics(context, Arguments[0]).Sum(m => Stat(m, "count")) / context.Window,
            "iops" => Devices(context, Arguments[0]).Sum(d => d.Iops),
            _ => Metrics(context, Arguments[0]).Sum(m => Stat(m, Arguments[1])),
        };

        /// <summary>One value of a matched metric; a metric without it is a problem of the figure, named, not a crash.</summary>
        private static double Stat(KeyValuePair<string, Sim.Core.Statistics.MetricSummary> metric, string name)
        {
            if (metric.Value.Values.Any(v => string.Equals(v.Key, name, StringComparison.Ordinal))) return metric.Value.Get(name);
            throw new InvalidOperationException(
                $"metric '{metric.Key}' ({metric.Value.Kind}) has no value '{name}'; it has: {string.Join(", ", metric.Value.Values.Select(v => v.Key))}");
        }

        private static List<KeyValuePair<string, Sim.Core.Statistics.MetricSummary>> Metrics(Context context, string pattern)
        {
            var regex = Glob(pattern);
            var matches = context.Results.Metrics.Where(m => regex.IsMatch(m.Key)).ToList();
            return matches.Count > 0 ? matches : throw new InvalidOperationException($"no metric matches '{pattern}'");
        }

        private static List<DeviceComparison> Devices(Context context, string pattern)
        {
            var regex = Glob(pattern);
            var matches = context.Devices.Where(d => regex.IsMatch(d.Device)).ToList();
            return matches.Count > 0 ? matches : throw new InvalidOperationException($"no device matches '{pattern}'");
        }

        private static Regex Glob(string pattern) =>
            new("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant);
    }

    private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
    {
        ["window"] = 0,
        ["rate"] = 1,
        ["iops"] = 1,
        ["value"] = 2,
    };

    private sealed class Parser(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public FormatException Error(string problem) => new($"at character {Position + 1} of '{text}': {problem}");

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
                if (AtEnd || text[Position] is not ('+' or '-')) return left;
                char op = text[Position++];
                left = new Binary(op, left, Term());
            }
        }

        private Node Term()
        {
            var left = Factor();
            while (true)
            {
                SkipSpaces();
                if (AtEnd || text[Position] is not ('*' or '/')) return left;
                char op = text[Position++];
                left = new Binary(op, left, Factor());
            }
        }

        private Node Factor()
        {
            SkipSpaces();
            if (AtEnd) throw Error("expected a number, a function or '(', found the end");
            char c = text[Position];
            if (c == '(')
            {
                Position++;
                var inner = Expression();
                Expect(')');
                return inner;
            }
            if (c == '-')
            {
                Position++;
                return new Negate(Factor());
            }
            if (char.IsDigit(c) || c == '.') return NumberLiteral();
            if (char.IsLetter(c)) return Function();
            throw Error($"expected a number, a function or '(', found '{c}'");
        }

        private Node NumberLiteral()
        {
            int start = Position;
            while (!AtEnd && (char.IsDigit(text[Position]) || text[Position] == '.')) Position++;
            if (!AtEnd && text[Position] is 'e' or 'E')
            {
                Position++;
                if (!AtEnd && text[Position] is '+' or '-') Position++;
                while (!AtEnd && char.IsDigit(text[Position])) Position++;
            }
            string digits = text[start..Position];
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? new Number(value)
                : throw new FormatException($"at character {start + 1} of '{text}': '{digits}' is not a number");
        }

        private Node Function()
        {
            int start = Position;
            while (!AtEnd && char.IsLetter(text[Position])) Position++;
            string name = text[start..Position];
            if (!Arity.TryGetValue(name, out int arity))
                throw new FormatException($"at character {start + 1} of '{text}': unknown function '{name}'; expected one of {string.Join(", ", Arity.Keys)}");
            Expect('(');
            var arguments = new List<string>();
            for (int i = 0; i < arity; i++)
            {
                if (i > 0) Expect(',');
                arguments.Add(Quoted());
            }
            Expect(')');
            return new Call(name, arguments);
        }

        private string Quoted()
        {
            SkipSpaces();
            if (AtEnd || text[Position] != '\'') throw Error("expected a quoted path, e.g. 'vm/blk0/driver/requests'");
            int end = text.IndexOf('\'', Position + 1);
            if (end < 0) throw Error("the quoted path has no closing quote");
            string value = text[(Position + 1)..end];
            Position = end + 1;
            return value;
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (AtEnd || text[Position] != c) throw Error($"expected '{c}'");
            Position++;
        }
    }
}
