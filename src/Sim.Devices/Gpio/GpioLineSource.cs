using Sim.Core.Actors;
using Sim.Core.Statistics;

namespace Sim.Devices.Gpio;

/// <summary>
/// The signals on a virtio-gpio device's input lines (virtio 1.2, 5.18.7: what the device senses): every driven line
/// (<see cref="GpioLineSpec.IsDriven"/>) starts low, goes high after a draw of its <see cref="GpioLineSpec.Low"/>,
/// stays high for a draw of <see cref="GpioLineSpec.High"/>, and so on. Each change goes to the backend
/// (<see cref="GpioLevelChange"/>). Its random draws are its own stream.
/// Metrics: <c>edges</c>. Any message but its own timers is a model bug.
/// </summary>
public sealed class GpioLineSource : Actor
{
    /// <summary>The timer of one line; one instance per line, reused.</summary>
    private sealed class Toggle(int line)
    {
        public int Line { get; } = line;
    }

    private readonly GpioWorkload _workload;
    private readonly ActorRef _backend;
    private readonly bool[] _high;
    private readonly Toggle[] _toggles;
    private readonly Counter _edges;

    /// <summary>The signals of <paramref name="workload"/>'s driven lines, for <paramref name="backend"/>.</summary>
    public GpioLineSource(GpioWorkload workload, ActorRef backend)
    {
        _workload = workload ?? throw new ArgumentNullException(nameof(workload));
        if (backend.IsNone) throw new ArgumentException("a line source drives a backend", nameof(backend));
        _backend = backend;
        _high = new bool[workload.Lines.Count];
        _toggles = [.. Enumerable.Range(0, workload.Lines.Count).Select(i => new Toggle(i))];
        _edges = NewCounter("edges");
    }

    /// <inheritdoc />
    protected override void OnStart()
    {
        for (int line = 0; line < _workload.Lines.Count; line++)
            if (_workload.Lines[line].IsDriven) SetTimer(_toggles[line], _toggles[line], _workload.Lines[line].Low!.Sample(Random));
    }

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        if (message is not Toggle toggle)
        {
            Unhandled(message);
            return;
        }
        int line = toggle.Line;
        bool high = _high[line] = !_high[line];
        _edges.Increment();
        Send(_backend, new GpioLevelChange(line, high, Now));
        var spec = _workload.Lines[line];
        SetTimer(toggle, toggle, (high ? spec.High! : spec.Low!).Sample(Random));
    }
}
