using Sim.Core.Actors;
using Sim.Core.Statistics;
using Sim.Core.Time;
using Sim.Devices.Net;

namespace Sim.Platform.Network;

/// <summary>
/// A netperf TCP_STREAM-like background flow, window-limited (RFC 5681 AIMD with NewReno's once-per-window decrease,
/// RFC 6582): the application offers full-size frames at an average of <c>bytesPerSecond</c> with exponential gaps,
/// but a frame leaves for the next actor only while fewer than the congestion window are in flight; otherwise it
/// waits (one blocked send) until a <see cref="FlowAck"/> or <see cref="FlowLoss"/> frees a slot. Each ACK grows the
/// window (by one frame in slow start, by <see cref="TcpFlowParameters.Increase"/> per window's worth of ACKs after);
/// a loss of a frame sent after the last decrease multiplies it by <see cref="TcpFlowParameters.Decrease"/> and ends
/// slow start. Lost data is not resent as such: the next frames stand for the retransmissions (same load).
/// Metrics: <c>sent</c>, <c>acked</c>, <c>lost</c> (frames), <c>losses</c> (window decreases), <c>cwnd</c> (frames, time-weighted).
/// </summary>
public sealed class TcpFlowSource : Actor
{
    private sealed class Tick { public static readonly Tick Instance = new(); }

    private readonly int _flow;
    private readonly long _frameBytes;
    private readonly double _meanGap;
    private readonly TcpFlowParameters _parameters;
    private readonly ActorRef _next;
    private readonly Counter _sent, _acked, _lost, _losses;
    private readonly TimeWeightedGauge _cwndGauge;
    private long _sequence, _recover;
    private int _inFlight;
    private bool _pending;
    private double _cwnd, _ssthresh = double.PositiveInfinity;

    /// <summary>The socket priority (<c>SO_PRIORITY</c>) on its frames, for the sender's qdiscs; 0 by default.</summary>
    public int Priority { get; init; }

    /// <summary>A flow sending to <paramref name="next"/>.</summary>
    /// <param name="flow">The flow id (also the receive-queue steering hash).</param>
    /// <param name="frameBytes">Frame length (an MSS-sized segment with its headers).</param>
    /// <param name="bytesPerSecond">The application's average offered rate.</param>
    /// <param name="parameters">Congestion control parameters.</param>
    /// <param name="next">Where frames go.</param>
    public TcpFlowSource(int flow, long frameBytes, double bytesPerSecond, TcpFlowParameters parameters, ActorRef next)
    {
        if (next.IsNone) throw new ArgumentException("a flow sends its frames to an actor", nameof(next));
        _flow = flow;
        _frameBytes = frameBytes;
        _meanGap = frameBytes / bytesPerSecond * SimTime.PicosPerSecond;
        _parameters = parameters;
        _next = next;
        _sent = NewCounter("sent");
        _acked = NewCounter("acked");
        _lost = NewCounter("lost");
        _losses = NewCounter("losses");
        _cwndGauge = NewGauge("cwnd");
    }

    /// <summary>The congestion window, frames.</summary>
    public double Window => _cwnd;

    /// <summary>Window decreases since the start (or the end of the warm-up), as the <c>losses</c> metric.</summary>
    public long Losses => _losses.Value;

    /// <summary>Frames sent and neither acknowledged nor lost.</summary>
    public int InFlight => _inFlight;

    /// <inheritdoc />
    protected override void OnStart()
    {
        _parameters.Validate();
        _cwnd = _parameters.InitialWindow;
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
                _acked.Increment();
                _cwnd = Math.Min(_parameters.MaxWindow, _cwnd < _ssthresh ? _cwnd + 1 : _cwnd + _parameters.Increase / _cwnd);
                _cwndGauge.Set(Now, _cwnd);
                break;
            case FlowLoss loss:
                _inFlight--;
                _lost.Increment();
                if (loss.Sequence > _recover)
                {
                    _losses.Increment();
                    _cwnd = _ssthresh = Math.Max(2, _cwnd * _parameters.Decrease);
                    _recover = _sequence;
                    _cwndGauge.Set(Now, _cwnd);
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
        _sent.Increment();
        Send(_next, new NetFrame(_frameBytes, Now, ++_sequence, _flow, Timed: false, Priority: Priority));
    }
}
