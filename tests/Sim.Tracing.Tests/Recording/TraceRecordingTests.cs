using Sim.Tests.Shared;
using System.Buffers.Binary;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Scenarios.Model;
using Sim.Worlds.Results;
using Sim.Worlds.Running;
using Sim.Tracing.Recording;

namespace Sim.Tracing.Tests.Recording;

/// <summary>
/// Recording a run: the results do not change, every delivered event is in the trace, the ring writes rebuild the
/// rings, and an independent MessagePack reader (python3-msgpack) reads the file.
/// </summary>
public sealed class TraceRecordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("virtiosim-trace-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ScenarioModel Quickstart() =>
        ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/quickstart.yaml"))
            with
        { Duration = SimTime.FromMilliseconds(2), Warmup = SimTime.Zero };   // past both devices' start-up: every configuration access traps (~0.3 ms on KVM, ~0.8 ms through Xen's IOREQs)

    private (RunResults Results, string Path, TraceRecorder Recorder) Traced(ScenarioModel model)
    {
        string path = Path.Combine(_folder, "run.trace");
        using var recorder = new TraceRecorder(path, model.Name, model.Seed);
        var results = ScenarioRunner.Run(model, trace: recorder);
        recorder.Complete();
        return (results, path, recorder);
    }

    [Fact]
    public void Recording_does_not_change_the_results()
    {
        var model = Quickstart();
        string plain = ResultsJson.Write(ScenarioRunner.Run(model));
        var (traced, _, _) = Traced(model);
        Assert.Equal(plain, ResultsJson.Write(traced));
    }

    [Fact]
    public void Every_delivered_event_is_recorded_with_its_actors_and_kind()
    {
        var (results, path, recorder) = Traced(Quickstart());
        var (header, records) = TraceReader.ReadFile(path);
        Assert.Equal(TraceFormat.Version, header.Format);
        Assert.Equal("quickstart", header.Scenario);
        Assert.Equal(results.Outcome.Events, header.Events);
        Assert.Equal(header.Events, records.OfType<TraceEvent>().Count());
        Assert.Equal(header.Writes, records.OfType<TraceWrite>().Count());
        Assert.Equal(recorder.Events, header.Events);
        Assert.Contains("kvm-vhost-user/blk0/driver", header.Actors);
        Assert.Contains("xen-grants/blk0/backend", header.Actors);
        var events = records.OfType<TraceEvent>().ToList();
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Time <= p.Second.Time), "events are in time order");
        Assert.All(events, e => Assert.InRange(e.To, 0, header.Actors.Count - 1));
        Assert.All(events, e => Assert.InRange(e.Kind, 0, header.Kinds.Count - 1));
        Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Summary)));
    }

    [Fact]
    public void Ring_writes_rebuild_rings_whose_indices_only_move_forward()
    {
        var (_, path, _) = Traced(Quickstart());
        var (header, records) = TraceReader.ReadFile(path);
        Assert.Contains(header.Regions, r => r.Kind == "split-desc");
        Assert.Contains(header.Regions, r => r.Kind == "grant-table" && r.Name == "xen-grants/grant-table");
        foreach (int region in Enumerable.Range(0, header.Regions.Count).Where(i => header.Regions[i].Kind is "split-avail" or "split-used"))
        {
            var r = header.Regions[region];
            var bytes = new byte[r.Length];
            ushort last = 0;
            int moves = 0;
            foreach (var write in records.OfType<TraceWrite>().Where(w => w.Region == region))
            {
                write.Bytes.CopyTo(bytes, (int)(write.Address - r.Start));
                ushort idx = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
                int step = (ushort)(idx - last);
                Assert.InRange(step, 0, 64); // never backwards, never more than the queue size (64 in the quickstart)
                if (step > 0) moves++;
                last = idx;
            }
            Assert.True(moves >= 3, $"{r.Name}: its idx moved {moves} times");
        }
    }

    [Fact]
    public void Python_msgpack_reads_the_trace_record_for_record()
    {
        var (_, path, _) = Traced(Quickstart());
        var (header, records) = TraceReader.ReadFile(path);
        var lastEvent = records.OfType<TraceEvent>().Last();
        const string script = """
            import sys, msgpack
            with open(sys.argv[1], "rb") as f:
                u = msgpack.Unpacker(f, raw=False, strict_map_key=False)
                h = next(u)
                events = writes = 0
                last = None
                for r in u:
                    assert len(r) == 6, r
                    if r[0] == 0:
                        events += 1
                        last = r
                    else:
                        assert r[0] == 1 and isinstance(r[5], bytes), r
                        writes += 1
            print(h["format"], h["events"], h["writes"], events, writes, len(h["actors"]), last[1], last[3], last[5], sep="|")
            """;
        string output = Python.Run(script, path);
        Assert.Equal(string.Join("|", TraceFormat.Version, header.Events, header.Writes, header.Events, header.Writes, header.Actors.Count,
            lastEvent.Time, lastEvent.To, lastEvent.Summary), output.TrimEnd('\n'));
    }
}
