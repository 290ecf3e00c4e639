using Sim.Core.Actors;
using Sim.Core.Running;
using Sim.Hypervisors.Memory;
using System.Buffers;
using MessagePack;

namespace Sim.Tracing.Recording;

/// <summary>
/// Records a run as a trace (docs/trace-format.md): attached to a <see cref="Simulation"/> as its delivery tap and to
/// guest memories as their write tap, it writes one MessagePack record per delivered event and per write into a
/// watched region (with MessagePack-CSharp's <see cref="MessagePackWriter"/>, integers in their shortest format, into
/// a reused buffer: no allocation per record), buffered, into a temporary file after <see cref="HeaderSpace"/> reserved bytes; <see cref="Complete"/>
/// then writes the header (whose kind, memory and region tables are only known at the end) into that space, filling
/// what it does not use with a <c>padding</c> binary (readers skip it), and moves the file into place. A header larger
/// than the space is written in front of a copy of the records instead. Watching changes nothing in the run: the taps
/// only read.
/// </summary>
public sealed class TraceRecorder : IDeliveryTap, IMemoryWriteTap, IDisposable
{
    private const int FlushThreshold = 1 << 20;

    /// <summary>Bytes reserved at the start of the file for the header.</summary>
    public const int HeaderSpace = 256 * 1024;

    private readonly string _path;
    private readonly string _bodyPath;
    private readonly string _scenario;
    private readonly ulong _seed;
    private readonly FileStream _body;
    private ArrayBufferWriter<byte> _buffer = new(FlushThreshold + 64 * 1024);
    private ArrayBufferWriter<byte> _spare = new(FlushThreshold + 64 * 1024);
    private Task? _pendingWrite;
    private readonly List<string> _actors = [];
    private readonly Dictionary<Actor, int> _actorIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _kinds = [];
    private readonly Dictionary<Type, int> _kindIndex = [];
    private readonly List<GuestMemory> _memories = [];
    private readonly Dictionary<GuestMemory, int> _memoryIndex = new(ReferenceEqualityComparer.Instance);
    private readonly List<TraceRegion> _regions = [];
    private readonly Dictionary<MemoryRegion, int> _regionIndex = new(ReferenceEqualityComparer.Instance);
    private long _now;
    private long _flushed;
    private MemoryRegion? _lastRegion;
    private int _lastRegionIndex, _lastMemoryIndex;
    private bool _done;

    /// <summary>A recorder writing the trace of <paramref name="scenario"/> (seed <paramref name="seed"/>) to <paramref name="path"/>.</summary>
    public TraceRecorder(string path, string scenario, ulong seed)
    {
        _path = Path.GetFullPath(path);
        _bodyPath = _path + ".tmp";
        _scenario = scenario;
        _seed = seed;
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _body = new FileStream(_bodyPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _body.SetLength(HeaderSpace);
        _body.Position = HeaderSpace;
    }

    /// <summary>Event records written so far.</summary>
    public long Events { get; private set; }

    /// <summary>Memory-write records written so far.</summary>
    public long Writes { get; private set; }

    /// <summary>Bytes of records written so far (the body, without the header).</summary>
    public long BodyBytes => _flushed + _buffer.WrittenCount;

    /// <summary>The simulation attached, once <see cref="Attach(Simulation)"/> was called.</summary>
    public Simulation? Simulation { get; private set; }

    /// <summary>
    /// Called before each event record is written, with the event's number (from 0): a probe that looks at the state the
    /// previous event left (counters) before this one runs. It must only read.
    /// </summary>
    public Action<long>? BeforeEvent { get; set; }

    /// <summary>Records every delivery of <paramref name="simulation"/>; its actors form the actor table.</summary>
    public void Attach(Simulation simulation)
    {
        Simulation = simulation;
        foreach (var actor in simulation.Actors) IndexOf(actor);
        simulation.DeliveryTap = this;
    }

    /// <summary>Records every write into the declared regions of <paramref name="memory"/>.</summary>
    public void Attach(GuestMemory memory)
    {
        if (_memoryIndex.ContainsKey(memory)) return;
        _memoryIndex[memory] = _memories.Count;
        _memories.Add(memory);
        memory.WriteTap = this;
    }

    /// <inheritdoc />
    public void OnDeliver(long time, Actor? sender, Actor target, object message)
    {
        BeforeEvent?.Invoke(Events);
        _now = time;
        var writer = new MessagePackWriter(_buffer);
        writer.WriteArrayHeader(6);
        writer.Write((long)TraceFormat.EventTag);
        writer.Write(time);
        writer.Write((long)(sender is null ? -1 : IndexOf(sender)));
        writer.Write((long)IndexOf(target));
        writer.Write((long)KindOf(message));
        writer.Write(Summarize(message));
        writer.Flush();
        Events++;
        FlushIfFull();
    }

    /// <inheritdoc />
    public void OnWrite(GuestMemory memory, MemoryRegion region, ulong address, ReadOnlySpan<byte> bytes)
    {
        if (!ReferenceEquals(region, _lastRegion))
        {
            _lastRegionIndex = RegionOf(memory, region);
            _lastMemoryIndex = _memoryIndex[memory];
            _lastRegion = region;
        }
        var writer = new MessagePackWriter(_buffer);
        writer.WriteArrayHeader(6);
        writer.Write((long)TraceFormat.WriteTag);
        writer.Write(_now);
        writer.Write((long)_lastMemoryIndex);
        writer.Write((long)_lastRegionIndex);
        writer.Write(address);
        writer.Write(bytes);
        writer.Flush();
        Writes++;
        FlushIfFull();
    }

    /// <summary>Writes the header and the records to the target file (atomically) and detaches nothing: call after the run.</summary>
    public void Complete()
    {
        if (_done) return;
        _done = true;
        Flush();
        var content = new TraceHeader(TraceFormat.Version, _scenario, _seed, _actors, _kinds,
            _memories.Select(m => m.Domain).ToList(), _regions, Events, Writes);
        var header = TraceHeaderCodec.Encode(content, HeaderSpace);
        if (header.Length == HeaderSpace)
        {
            _body.Position = 0;
            _body.Write(header.Span);
            _body.Dispose();
        }
        else
        {
            // The tables outgrew the reserved space: the header goes in front of a copy of the records.
            header = TraceHeaderCodec.Encode(content);
            using var output = new FileStream(_bodyPath + "2", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            output.Write(header.Span);
            _body.Position = HeaderSpace;
            _body.CopyTo(output);
            _body.Dispose();
            File.Move(_bodyPath + "2", _bodyPath, overwrite: true);
        }
        File.Move(_bodyPath, _path, overwrite: true);
    }

    /// <summary>Drops the body without writing a trace (when the run failed).</summary>
    public void Dispose()
    {
        if (_done) return;
        _done = true;
        try
        {
            _pendingWrite?.Wait();
        }
        catch (AggregateException)
        {
            // The trace is being dropped; a failed background write changes nothing.
        }
        _body.Dispose();
        File.Delete(_bodyPath);
    }

    /// <summary>A message in a line: its record text (type and fields), cut at <see cref="TraceFormat.MaxSummaryLength"/>.</summary>
    public static string Summarize(object message)
    {
        string text = message.ToString() ?? message.GetType().Name;
        return text.Length <= TraceFormat.MaxSummaryLength ? text : string.Concat(text.AsSpan(0, TraceFormat.MaxSummaryLength - 1), "…");
    }

    private int IndexOf(Actor actor)
    {
        if (_actorIndex.TryGetValue(actor, out int index)) return index;
        _actorIndex[actor] = index = _actors.Count;
        _actors.Add(actor.Id.Path);
        return index;
    }

    private int KindOf(object message)
    {
        Type type = message.GetType();
        if (_kindIndex.TryGetValue(type, out int index)) return index;
        _kindIndex[type] = index = _kinds.Count;
        _kinds.Add(type.Name);
        return index;
    }

    private int RegionOf(GuestMemory memory, MemoryRegion region)
    {
        if (_regionIndex.TryGetValue(region, out int index)) return index;
        _regionIndex[region] = index = _regions.Count;
        _regions.Add(new TraceRegion(_memoryIndex[memory], region.Name, region.Kind.WireName(), region.Start, region.Length));
        return index;
    }

    private void FlushIfFull()
    {
        if (_buffer.WrittenCount >= FlushThreshold) FlushInBackground();
    }

    /// <summary>
    /// Hands the full buffer to a background write and goes on in the spare one (double buffering: the run does not
    /// wait for the disk unless the previous write is still going). One write at a time, so the order is kept.
    /// </summary>
    private void FlushInBackground()
    {
        _pendingWrite?.Wait();
        var full = _buffer;
        _buffer = _spare;
        _spare = full;
        _buffer.ResetWrittenCount();
        _flushed += full.WrittenCount;
        _pendingWrite = Task.Run(() => _body.Write(full.WrittenMemory.Span));
    }

    /// <summary>Writes everything buffered, waiting for the background write first.</summary>
    private void Flush()
    {
        _pendingWrite?.Wait();
        _pendingWrite = null;
        _body.Write(_buffer.WrittenSpan);
        _flushed += _buffer.WrittenCount;
        _buffer.ResetWrittenCount();
    }
}
