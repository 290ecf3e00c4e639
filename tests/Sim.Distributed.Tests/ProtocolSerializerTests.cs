using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Sim.Distributed.Hosting;
using Sim.Distributed.Protocol;

namespace Sim.Distributed.Tests;

/// <summary>Every protocol message is bound to the MessagePack serializer by the default configuration and survives the trip.</summary>
public sealed class ProtocolSerializerTests()
    : TestKit(ConfigurationFactory.ParseString("akka.actor.provider = local").WithFallback(ClusterConfig.Defaults()))
{
    public static TheoryData<object> Messages() => new()
    {
        new WorkerReady(3),
        new WorkRequest("abc"),
        new RunAssignment("abc", 2, 5),
        new RunCompleted("abc", 2, 5, ulong.MaxValue, "{\"format\": \"virtiosim-run/1\"}\n"),
        new RunFailed("abc", 2, 5, "actor server failed"),
        new WorkerRefused("no"),
        new StopWorking("done", true),
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_message_round_trips_through_the_serializer_bound_to_it(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ProtocolSerializer>(serializer);
        var bytes = serializer.ToBinary(message);
        string manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.Equal(message, Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest));
    }

    [Fact]
    public void A_study_offer_carries_the_files_the_scenario_names_through_the_serializer()
    {
        var offer = new StudyOffer("abc", "study.yaml", "name: x\ncosts: boards/my-board.yaml\n",
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["boards/my-board.yaml"] = "name: my-board\nentries: {}\n" });
        var serializer = Sys.Serialization.FindSerializerFor(offer);
        Assert.IsType<ProtocolSerializer>(serializer);
        var back = Assert.IsType<StudyOffer>(Sys.Serialization.Deserialize(
            serializer.ToBinary(offer), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, offer)));
        Assert.Equal((offer.StudyId, offer.FileName, offer.Text), (back.StudyId, back.FileName, back.Text));
        Assert.Equal(offer.Files, back.Files);
    }

    [Fact]
    public void Every_protocol_type_has_a_manifest_and_a_binding()
    {
        var types = typeof(IProtocolMessage).Assembly.GetTypes().Where(t => t.IsClass && typeof(IProtocolMessage).IsAssignableFrom(t));
        foreach (var type in types)
        {
            Assert.True(ProtocolSerializer.Manifests.ContainsKey(type), $"{type} has no manifest");
            Assert.IsType<ProtocolSerializer>(Sys.Serialization.FindSerializerForType(type));
        }
    }

    [Fact]
    public void A_large_run_record_fits_in_a_frame()
    {
        long frame = ClusterConfig.Defaults().GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size") ?? 0;
        var random = new Random(1);
        string record = string.Concat(Enumerable.Range(0, 200_000).Select(_ => random.Next(0, 1_000_000).ToString() + ","));
        var message = new RunCompleted("abc", 0, 0, 1, record);
        var bytes = Sys.Serialization.FindSerializerFor(message).ToBinary(message);
        Assert.True(record.Length > 128_000, "the record should exceed Akka's default frame size");
        Assert.True(bytes.Length < frame, $"{bytes.Length} bytes do not fit in a {frame}-byte frame");
    }
}
