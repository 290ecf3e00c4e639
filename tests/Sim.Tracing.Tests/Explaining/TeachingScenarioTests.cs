using Sim.Tests.Shared;
using Sim.Core.Time;
using Sim.Scenarios.Loading;
using Sim.Worlds.Running;
using Sim.Tracing.Explaining;
using Sim.Layouts;

namespace Sim.Tracing.Tests.Explaining;

/// <summary>Every teaching scenario says what it teaches, and <c>sim explain</c> shows on it what its comment promises.</summary>
public sealed class TeachingScenarioTests
{

    private static ExplainedRun Explain(string file, string? device = null, int requests = 2, int untilMs = 2) =>
        ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching", file)), device, requests, SimTime.FromMilliseconds(untilMs));

    /// <summary>
    /// The bytes of the region of <paramref name="kind"/> whose name ends with <paramref name="nameEnd"/> after every
    /// step's writes: what the page's decoders read.
    /// </summary>
    private static byte[] Contents(ExplainedRun run, string kind, string nameEnd)
    {
        int index = run.Regions.ToList().FindIndex(r => r.Kind == kind && r.Name.EndsWith(nameEnd, StringComparison.Ordinal));
        Assert.True(index >= 0, $"the page shows a region of kind {kind} named ...{nameEnd}");
        var region = run.Regions[index];
        var bytes = new byte[region.Length];
        foreach (var change in run.Steps.SelectMany(s => s.Changes).Where(c => c.Region == index))
            change.Bytes.CopyTo(bytes, (int)(change.Address - region.Start));
        Assert.Contains(bytes, b => b != 0);
        return bytes;
    }

    private static bool Says(ExplainedRun run, string kind, string text) =>
        run.Steps.Any(s => s.Kind == kind && s.Text.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void Every_teaching_scenario_opens_with_what_it_teaches_and_what_to_look_at()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching"), "*.yaml");
        Assert.True(files.Length >= 5, $"{files.Length} teaching scenarios");
        foreach (string file in files)
        {
            // The first line names the scenario schema for editors (ShippedSchemaTests); the lesson opens right after it.
            string text = File.ReadAllText(file);
            Assert.StartsWith("# yaml-language-server: $schema=", text);
            Assert.StartsWith("# Teaching:", text[(text.IndexOf('\n') + 1)..]);
            Assert.Contains("# What it teaches:", text);
            Assert.Contains("# What to look at:", text);
            ScenarioLoader.LoadFile(file);
        }
    }

    [Fact]
    public void Xen_shows_grant_entries_grant_references_and_the_unmap_flush()
    {
        var run = Explain("one-request-xen.yaml");
        Assert.True(Says(run, "grant", "permit_access|readonly, domid"), "a read-only grant for what the device reads");
        Assert.True(Says(run, "kick", "it reaches the buffers by mapping the pages the guest granted"), "the kick step says how the backend reaches the buffers");
        Assert.True(Says(run, "descriptor", "(grant reference "), "descriptors carry grant references");
        Assert.True(Says(run, "platform", "grant map(s)"));
        Assert.True(Says(run, "platform", "grant unmap(s), +3 TLB-flush IPI(s)"), "4 backend vCPUs: 3 IPIs per unmap");
        var maps = run.Steps.First(s => s.Kind == "platform" && s.Text.Contains("grant map(s)", StringComparison.Ordinal));
        Assert.NotNull(maps.Cost);
        Assert.StartsWith("xen-x86: ", maps.Source);
        Assert.Contains("backend xen.hypercall 1 x: ", maps.Source);
        Assert.Contains("backend xen.grant.map 3 x: ", maps.Source);
    }

    [Fact]
    public void Event_idx_suppresses_at_the_ring_under_load_and_the_flags_decide_without_it()
    {
        var with = Explain("event-idx-under-load.yaml", "event-idx/blk0", 12);
        Assert.True(Says(with, "kick", "vring_need_event(avail_event=0, new=21, old=0)"), "one kick for the 21 chains published at start");
        Assert.True(Says(with, "interrupt", "is false: suppressed"), "used_event has not moved: completions after the first need no interrupt");
        var without = Explain("event-idx-under-load.yaml", "no-event-idx/blk0", 12);
        Assert.DoesNotContain(without.Steps, s => s.Text.Contains("vring_need_event", StringComparison.Ordinal));
        Assert.True(Says(without, "interrupt", "avail flags are 0: interrupt"), "without EVENT_IDX the avail ring's flags decide");
        int Suppressed(ExplainedRun r) => r.Steps.Count(s => s.Kind == "interrupt" && s.Text.Contains("suppressed", StringComparison.Ordinal));
        Assert.True(Suppressed(with) > Suppressed(without));
    }

    [Fact]
    public void The_iommu_shows_map_requests_and_iotlb_misses()
    {
        var run = Explain("iommu-lazy-stale.yaml");
        Assert.True(Says(run, "platform", "IOTLB miss(es)"));
        Assert.True(Says(run, "iommu", "ATTACH endpoint 1 to domain 1"), "the driver attaches its endpoint first");
        Assert.True(Says(run, "iommu", "PROBE endpoint 1"), "and probes it before");
        Assert.True(Says(run, "iommu", "UNMAP in domain 1 IOVA"), "each buffer is unmapped when its request completes");
        Assert.Contains(run.Steps, s => s.Kind == "iommu" && s.Text.Contains("MAP in domain 1 IOVA", StringComparison.Ordinal) && s.Text.Contains("WRITE", StringComparison.Ordinal));
        Assert.True(Says(run, "platform", "virtio-iommu request(s) (MAP/UNMAP)"), "every map and unmap is a request to the virtio-iommu");
        Assert.True(Says(run, "platform", "stale pages (unmapped by the guest, still reachable) now"), "lazy invalidation leaves unmapped pages reachable");
    }

    [Fact]
    public void The_window_bounces_every_buffer()
    {
        var run = Explain("window-bounce.yaml");
        Assert.True(Says(run, "platform", "bounce/pool copy(ies), +4113 byte(s) copied"), "the 16-byte header, 4 KiB of data and the status byte");
        Assert.True(Says(run, "copy", "the guest bounces 16 byte(s) into the shared window at GPA"), "the request header goes through the window");
        Assert.True(Says(run, "copy", "the device writes 4096 byte(s) into the shared window"), "the data comes back through the window");
        int window = run.Regions.ToList().FindIndex(r => r.Kind == "window");
        Assert.True(window >= 0, "the window is a region of the page (a slot map)");
        Assert.Contains(run.Steps.Where(s => s.Kind == "copy").SelectMany(s => s.Changes), c => c.Region == window && c.Bytes.Length == 4096);
    }

    [Fact]
    public void One_touch_report_is_eight_named_events_in_eight_used_buffers()
    {
        var run = ExplainRunner.Explain(ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Root(), "scenarios/teaching/one-touch-report.yaml")), null, 1,
            SimTime.FromMilliseconds(101));
        Assert.True(Says(run, "message", "InputReport (8 events: EV_ABS ABS_MT_TRACKING_ID 1, EV_ABS ABS_MT_POSITION_X"), "the report's events, named");
        Assert.True(Says(run, "descriptor", "len 8, flags WRITE"), "the driver posts one 8-byte device-writable buffer per event");
        for (int i = 0; i < 8; i++) Assert.True(Says(run, "used", $"used ring[{i}] of driver/q0 = {{ id {i}, len 8 }}"), $"event {i} used with its 8 bytes");
        Assert.False(Says(run, "used", "used ring[8] of driver/q0"), "a report of eight events takes eight buffers, no more");
        var typeName = new System.Text.RegularExpressions.Regex(@"\bSim\.[A-Z]|[a-z]\+[A-Z]");
        Assert.DoesNotContain(run.Steps, s => typeName.IsMatch(s.Text));
        // Each event is decoded from its buffer by virtio_input_event's description: the code named by the type.
        Assert.True(Says(run, "buffer", "the device writes input event 0 (driver/events[0]): EV_ABS ABS_MT_TRACKING_ID 1"));
        Assert.True(Says(run, "buffer", "input event 3 (driver/events[3]): EV_KEY BTN_TOUCH 1"), "code 330 is BTN_TOUCH because the type is EV_KEY");
        Assert.True(Says(run, "buffer", "input event 7 (driver/events[7]): EV_SYN SYN_REPORT 0"), "code 0 is SYN_REPORT because the type is EV_SYN");
        var events = Contents(run, "input-events", "driver/events");
        var layout = LayoutCatalog.Struct(RegionKind.InputEvents);
        Assert.Equal(8, layout.EntrySize);
        var sync = events.AsSpan(7 * layout.EntrySize, layout.EntrySize);
        Assert.Equal(0UL, layout.Entries!.Field("type").Read(sync));
        Assert.Equal(0UL, layout.Entries.Field("value").Read(sync));
    }

    [Fact]
    public void One_i2c_read_decodes_the_address_flags_and_status_of_both_requests()
    {
        var run = Explain("one-i2c-read.yaml", requests: 2);
        Assert.True(Says(run, "buffer", "the driver writes the I2C request header (driver/slot0/out-hdr): to address 0x48, a write (the device reads the data buffer), flags FAIL_NEXT"));
        Assert.True(Says(run, "buffer", "the driver writes the I2C request header (driver/slot1/out-hdr): to address 0x48, a read (the device fills the data buffer), flags M_RD"));
        Assert.True(Says(run, "buffer", "the driver writes the I2C status (driver/slot0/in-hdr): 255 (no status yet"), "the driver primes the status");
        Assert.True(Says(run, "buffer", "the device writes the I2C status (driver/slot0/in-hdr): OK"));
        Assert.True(Says(run, "buffer", "the device writes the I2C status (driver/slot1/in-hdr): OK"));
        Assert.True(Says(run, "buffer", "the driver writes 1 byte(s) to send on the bus (driver/slot0/buffer): 0x00"), "the register pointer: register 0");
        Assert.Contains(run.Steps, s => s.Kind == "buffer" && s.Actor == "kvm/temp0/backend"
            && s.Text.StartsWith("the device writes 2 byte(s) it read from the bus (driver/slot1/buffer): 0x", StringComparison.Ordinal));
        // The page's region: addr holds the 7-bit address in bits 1-7 (0x48 << 1 = 0x90), flags M_RD (the second
        // transfer puts its write in slot 1: the first write into it is the first transfer's read).
        int slot1 = run.Regions.ToList().FindIndex(r => r.Kind == "i2c-out-hdr" && r.Name.EndsWith("slot1/out-hdr", StringComparison.Ordinal));
        var header = run.Steps.SelectMany(s => s.Changes).First(c => c.Region == slot1).Bytes;
        var layout = LayoutCatalog.Struct(RegionKind.I2cOutHdr);
        Assert.Equal(0x90, header[0]);
        Assert.Equal(0x48UL, layout.Field("addr").Bit("address").Of(layout.Field("addr").Read(header)));
        Assert.Equal("M_RD", LayoutCatalog.Flags(layout.Field("flags").Flags!).Text(layout.Field("flags").Read(header)));
        int status1 = run.Regions.ToList().FindIndex(r => r.Kind == "i2c-in-hdr" && r.Name.EndsWith("slot1/in-hdr", StringComparison.Ordinal));
        var statuses = run.Steps.SelectMany(s => s.Changes.Where(c => c.Region == status1).Select(c => (s.Actor, c.Bytes[0]))).ToList();
        Assert.Equal(("kvm/temp0/driver", (byte)0xff), statuses[0]);
        Assert.Equal(("kvm/temp0/backend", (byte)0), statuses[1]);
        Assert.Equal("OK", LayoutCatalog.Flags("i2c-status").NameOf(statuses[1].Item2));
    }

    [Fact]
    public void One_gpio_irq_decodes_the_requests_the_responses_and_the_interrupt()
    {
        var run = Explain("one-gpio-irq.yaml", requests: 6, untilMs: 3);
        Assert.True(Says(run, "buffer", "the driver writes the GPIO request (driver/slot0/request): GET_NAMES of line 0"));
        Assert.True(Says(run, "buffer", "bytes after the status of the GPIO response (driver/slot0/response): the line names of a GET_NAMES answer"));
        Assert.True(Says(run, "buffer", "the driver writes the GPIO request (driver/slot3/request): IRQ_TYPE of line 0, value 1"), "EDGE_RISING");
        Assert.True(Says(run, "buffer", "the driver writes the GPIO interrupt request (driver/line0/irq-request): line 0"));
        Assert.True(Says(run, "buffer", "the driver writes the GPIO interrupt status (driver/line0/irq-response): 255 (no status yet"));
        Assert.True(Says(run, "buffer", "the device writes the GPIO interrupt status (driver/line0/irq-response): VALID"), "the line rose at 1 ms");
        Assert.True(Says(run, "buffer", "GET_VALUE of line 0"), "the handler reads the line");
        Assert.True(Says(run, "buffer", "the device writes the GPIO response (driver/slot3/response): OK, value 1"), "it reads high");
        var request = Contents(run, "gpio-request", "slot3/request");
        var layout = LayoutCatalog.Struct(RegionKind.GpioRequest);
        Assert.Equal("GET_VALUE", LayoutCatalog.Flags(layout.Field("type").Flags!).NameOf(layout.Field("type").Read(request)));
        Assert.Equal(0x04, request[0]); // VIRTIO_GPIO_MSG_GET_VALUE, le16
    }

    [Fact]
    public void One_sound_period_decodes_the_control_requests_and_the_io_messages()
    {
        var run = Explain("one-sound-period.yaml", requests: 5, untilMs: 10);
        Assert.True(Says(run, "buffer", "the driver writes the control request (driver/control/request): PCM_INFO (start_id 0, count 1, size 32)"));
        Assert.True(Says(run, "buffer", "the device writes the control response (driver/control/response): OK, then 32 bytes of items"), "one virtio_snd_pcm_info");
        Assert.True(Says(run, "buffer", "control request (driver/control/request): PCM_SET_PARAMS (stream_id 0, buffer_bytes 768, period_bytes 384, features 0, channels 2, format S16, rate 48000)"),
            "2 ms of 48 kHz stereo S16 is 384 bytes, two periods in the buffer");
        Assert.True(Says(run, "buffer", "control request (driver/control/request): PCM_PREPARE (stream_id 0)"));
        Assert.True(Says(run, "buffer", "control request (driver/control/request): PCM_START (stream_id 0)"));
        Assert.True(Says(run, "buffer", "the driver writes the I/O message header (driver/tx0/xfer): stream 0"));
        Assert.True(Says(run, "buffer", "the device writes the I/O message status (driver/tx0/status): OK, latency_bytes"));
        var response = Contents(run, "sound-control-response", "control/response");
        var layout = LayoutCatalog.Struct(RegionKind.SoundControlResponse);
        var info = response.AsSpan((int)layout.EntryOffset(0), layout.EntrySize);
        Assert.Equal("OUTPUT", LayoutCatalog.Flags(layout.Entries!.Field("direction").Flags!).NameOf(layout.Entries.Field("direction").Read(info)));
        Assert.NotEqual(0UL, layout.Entries.Field("formats").Read(info) & (1UL << 5)); // bit VIRTIO_SND_PCM_FMT_S16
    }

    [Fact]
    public void One_rpmb_write_decodes_the_big_endian_frames()
    {
        var run = Explain("one-rpmb-write.yaml", requests: 3, untilMs: 20);
        Assert.True(Says(run, "buffer", "the driver writes frame 0 (driver/request[0]): RPMB request REQ_PROGRAM_KEY"));
        Assert.True(Says(run, "buffer", "frame 1 (driver/request[1]): RPMB request REQ_RESULT_READ"), "a key programming is followed by a result read");
        Assert.True(Says(run, "buffer", "the device writes frame 0 (driver/response[0]): RPMB response RESP_GET_COUNTER, result OK, write counter 0"));
        Assert.True(Says(run, "buffer", "the driver writes frame 0 (driver/request[0]): RPMB request REQ_DATA_WRITE, address "));
        Assert.True(Says(run, "buffer", "the device writes frame 0 (driver/response[0]): RPMB response RESP_DATA_WRITE, result OK, write counter 1"), "the write bumped the counter");
        var frame = Contents(run, "rpmb-frames", "driver/response");
        var layout = LayoutCatalog.Struct(RegionKind.RpmbFrames).Entries!;
        Assert.Equal(0x03, frame[layout.Field("req_resp").Offset]); // 0x0300 big-endian: the high byte first
        Assert.Equal(0x00, frame[layout.Field("req_resp").Offset + 1]);
        Assert.Equal(0x0300UL, layout.Field("req_resp").Read(frame));
        Assert.Equal(1UL, layout.Field("write_counter").Read(frame));
    }

    [Theory]
    [InlineData("one-request-kvm.yaml")]
    [InlineData("one-request-xen.yaml")]
    [InlineData("window-bounce.yaml")]
    [InlineData("iommu-lazy-stale.yaml")]
    [InlineData("event-idx-under-load.yaml")]
    [InlineData("one-touch-report.yaml")]
    [InlineData("one-rpmb-write.yaml")]
    [InlineData("one-i2c-read.yaml")]
    [InlineData("one-gpio-irq.yaml")]
    [InlineData("one-sound-period.yaml")]
    [InlineData("one-gpu-frame.yaml")]
    public void No_step_shows_a_dotnet_type_name_and_the_start_up_reset_is_told(string file)
    {
        var run = Explain(file);
        // A namespace, or a nested type as .NET prints it (Outer+Inner).
        var typeName = new System.Text.RegularExpressions.Regex(@"\bSim\.[A-Z]|[a-z]\+[A-Z]");
        Assert.DoesNotContain(run.Steps, s => typeName.IsMatch(s.Text));
        Assert.Contains(run.Steps, s => s.Text.Contains("wrote 0 to the device status", StringComparison.Ordinal));
    }
}
