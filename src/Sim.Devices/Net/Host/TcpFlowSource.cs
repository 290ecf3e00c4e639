using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net.Device;

namespace Sim.Devices.Net.Host;

/// <summary>
/// A netperf TCP_STREAM-like background flow, window-limited (RFC 5681 AIMD with NewReno's once-per-window decrease,
/// RFC 6582): the application offers full-size frames at an average of <c>bytesPerSecond</c> with exponential gaps,
/// but a frame leaves for <see cref="Next"/> only while fewer than the congestion window are in flight; otherwise it
/// waits (one blocked send) until a <see cref="FlowAck"/> or <see cref="FlowLoss"/> frees a slot. Each ACK grows the
/// window (by one frame in slow start, by <see cref="TcpFlowParameters.Increase"/> per window's worth of ACKs after);
/// a loss of a frame sent after the last decrease multiplies it by <see cref="TcpFlowParameters.Decrease"/> and ends
/// slow start. Lost data is not resent as such: the next frames stand for the retransmissions (same load).
/// Metrics: <c>sent</c>, <c>acked</c>, <c>lost</c> (frames), <c>losses</c> (window decreases), <c>cwnd</c> (frames, time-weighted).
/// </summary>
/// <param name="flow">The flow id (also the receive-queue steering hash).</param>
/// <param name="frameBytes">Frame length (an MSS-sized segment with its headers).</param>
/// <param name="bytesPerSecond">The application's average offered rate.</param>
/// <param name="parameters">Congestion control parameters.</param>
public sealed class TcpFlowSource(int flow, long frameBytes, double bytesPerSecond, TcpFlowParameters parameters) : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private readonly double _meanGap = frameBytes / bytesPerSecond * SimTime.PicosPerSecond;
    private long _sequence, _recover;
    private int _inFlight;
    private bool _pending;
    private double _cwnd, _ssthresh = double.PositiveInfinity;
    private Counter? _sent, _acked, _lost, _losses;
    private TimeWeightedGauge? _cwndGauge;

    /// <summary>Where frames go; set by the world builder (required: a run without it stops at time zero).</summary>
    public ActorRef Next { get; set; }

    /// <summary>The congestion window, frames.</summary>
    public double Window => _cwnd;

    /// <summary>Window decreases since the start (or the end of the warm-up), as the <c>losses</c> metric.</summary>
    public long Losses => _losses?.Value ?? 0;

    /// <summary>Frames sent and neither acknowledged nor lost.</summary>
    public int InFlight => _inFlight;

    /// <inheritdoc />
    protected override void OnStart()
    {
        parameters.Validate();
        RequireWired(Next);
        _cwnd = parameters.InitialWindow;
        _sent = NewCounter("sent");
        _acked = NewCounter("acked");
        _lost = NewCounter("lost");
        _losses = NewCounter("losses");
        _cwndGauge = NewGauge("cwnd");
        _cwndGauge.Set(Now, _cwnd);
        SetTimer(Tick.Instance, Tick.Instance, Gap());
    }

    private SimTime Gap() => new((long)Random.NextExponential(_meanGap));

    /// <inheritdoc />
    protected override void Receive(object message, ActorRef sender)
    {
        switch (message)
        {
            case Tick:
                _pending = true;
                SetTimer(Tick.Instance, Tick.Instance, Gap());
                break;
            case FlowAck:
                _inFlight--;
                _acked!.Increment();
                _cwnd = Math.Min(parameters.MaxWindow, _cwnd < _ssthresh ? _cwnd + 1 : _cwnd + parameters.Increase / _cwnd);
                _cwndGauge!.Set(Now, _cwnd);
                break;
            case FlowLoss loss:
                _inFlight--;
                _lost!.Increment();
                if (loss.Sequence > _recover)
                {
                    _losses!.Increment();
                    _cwnd = _ssthresh = Math.Max(2, _cwnd * parameters.Decrease);
                    _recover = _sequence;
                    _cwndGauge!.Set(Now, _cwnd);
                }
                break;
            default:
                Unhandled(message);
                return;
        }
        TrySend();
    }

    private void TrySend()
    {
        if (!_pending || _inFlight >= (int)_cwnd) return;
        _pending = false;
        _inFlight++;
        _sent!.Increment();
        Send(Next, new NetFrame(frameBytes, Now, ++_sequence, flow, Timed: false));
    }
}
