namespace Sim.Cli.Tests.BadInput;

public static partial class BadInputCases
{
    /// <summary>Guests, devices, sharing keys that do not apply where written, windows too small, cost profiles.</summary>
    private static IReadOnlyList<BadInputCase> Transport =>
    [
        BadInputCase.Scenario("unknown-device-type", "an unknown device type", Echo().Replace("type: echo", "type: camera"), "9:15", "expected a device type: echo, blk, net, input, sound, rpmb, i2c, gpio or gpu"),
        BadInputCase.Scenario("unknown-platform", "an unknown platform", Echo(platform: "hyperv"), "6:15", "expected a platform: kvm or xen"),
        BadInputCase.Scenario("memory-bad-unit", "memory in MB (not MiB)", Echo().Replace("platform: kvm", "platform: kvm\n    memory: 64MB"), "7:13", "expected a memory size such as 64MiB"),
        BadInputCase.Scenario("memory-not-pages", "memory not a multiple of 4 KiB", Echo().Replace("platform: kvm", "platform: kvm\n    memory: 10001KiB"), "7:13", "a multiple of 4 KiB"),
        BadInputCase.Scenario("memory-too-small", "guest memory too small for its device", Echo().Replace("platform: kvm", "platform: kvm\n    memory: 4KiB"), "9:9", "too small"),
        BadInputCase.Scenario("queue-size-not-power-of-two", "a split queue size of 100", Echo("queueSize: 100"), "10:20", "power of two"),
        BadInputCase.Scenario("queue-size-zero", "a queue size of 0", Echo("queueSize: 0"), "10:20", "expected an integer"),
        BadInputCase.Scenario("queue-size-overflow", "a queue size above 32768", Echo("queueSize: 70000"), "10:20", "expected an integer"),
        BadInputCase.Scenario("request-bytes-text", "wrong type: requestBytes is text", Echo(workload: "{ requestBytes: lots, responseBytes: 512 }"), "10:35", "expected an integer"),
        BadInputCase.Scenario("outstanding-above-queue", "more outstanding requests than the queue holds", Echo("queueSize: 4", "{ requestBytes: 64, responseBytes: 512, outstanding: 8 }"), "11:72", "cannot exceed the queue size"),
        BadInputCase.Scenario("unknown-feature", "an unknown virtio feature", Echo("deviceFeatures: [version1, warpDrive]"), "10:36", "unknown feature 'warpDrive'"),
        BadInputCase.Scenario("unknown-device-key", "an unknown device key", Echo("colour: red"), "10:9", "unknown key 'colour'"),
        BadInputCase.Scenario("unknown-sharing", "an unknown sharing mechanism", Echo("sharing: magic"), "10:18", "is not a sharing mechanism"),
        BadInputCase.Scenario("grant-on-kvm", "grant sharing on a KVM guest", Echo("sharing: grant-map"), "10:18", "needs Xen grant tables"),
        BadInputCase.Scenario("backend-vcpus-on-kvm", "backendVcpus on KVM (read only by Xen grant unmaps)", Echo("backendVcpus: 4"), "10:23", "'backendVcpus' does not apply on kvm"),
        BadInputCase.Scenario("backend-vcpus-without-grants", "backendVcpus on Xen with sharing: full", XenBlk("sharing: full\nbackendVcpus: 4"), "12:23", "applies only to grant sharing"),
        BadInputCase.Scenario("kick-on-xen", "kick: on a Xen guest", XenBlk("kick: vmm"), "11:15", "'kick' does not apply on xen"),
        BadInputCase.Scenario("iommu-without-iommu-sharing", "iommu: without sharing: iommu", Echo("iommu: { invalidation: lazy }"), "10:16", "'iommu' applies only with sharing: iommu"),
        BadInputCase.Scenario("window-without-window-sharing", "window: without sharing: window", Echo("window: 4MiB"), "10:17", "applies only with sharing: window or grant-persistent"),
        BadInputCase.Scenario("window-grid-without-window", "window: with a grid that never uses a window", XenBlk("window: 4MiB").Replace("        workload:", "        workload:") + "    grid: { sharing: [grant-map, grant-copy] }\n", "11:17", "applies only with sharing: window or grant-persistent"),
        BadInputCase.Scenario("window-smaller-than-request", "a bounce window smaller than one request's buffers", Echo("sharing: window\nwindow: 4KiB", "{ requestBytes: 64, responseBytes: 4096, outstanding: 1 }"), "10:18", "smaller than one request's buffers"),
        BadInputCase.Scenario("pool-smaller-than-request", "a persistent-grant pool smaller than one request's buffers", XenBlk("sharing: grant-persistent\nwindow: 4KiB", "{ requestSize: 8KiB, queueDepth: 1 }"), "11:18", "smaller than one request's buffers"),
        BadInputCase.Scenario("buffer-larger-than-window-mapping", "a 512 KiB request through a bounce window (at most 256 KiB a buffer)", Echo("sharing: window\nwindow: 8MiB", "{ requestBytes: 524288, responseBytes: 64, outstanding: 1 }"), "10:18", "one buffer may use at most 128 slots"),
        BadInputCase.Scenario("other-vm-without-window", "a backend in another VM without a window", Echo("backend: other-vm"), "8:9", "use sharing: window"),
        BadInputCase.Scenario("backend-thread-bad-name", "a backend thread name with '/'", Echo("backendThread: a/b"), "10:24", "cannot name a backend thread"),
        BadInputCase.Scenario("pci-echo", "transport: pci on the echo device (no PCI device ID)", Echo("transport: pci"), "10:20", "has no virtio-pci device ID"),
        BadInputCase.Scenario("sharing-key-on-non-virtio-net", "backendThread on a net device whose host path has no virtio device",
            "name: n\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    devices:\n      - name: net0\n        type: net\n        backendThread: t0\n        host: { stages: [nic, vfio], sample: { period: 1ms } }\n",
            "9:24", "'backendThread' does not apply: host path 'nic+vfio' ends in an application, not a virtio-net device"),
        BadInputCase.Scenario("host-stage-not-last", "a host path's socket stage (an application) before another stage",
            "name: n\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    devices:\n      - name: net0\n        type: net\n        host: { stages: [nic, socket, tap], sample: { period: 1ms } }\n",
            "9:31", "delivers to an application and ends the path; it must be the last stage"),
        BadInputCase.Scenario("nic-moderation-word", "a NIC's interrupt moderation given as a word ethtool does not take",
            "name: n\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    devices:\n      - name: net0\n        type: net\n        host: { stages: [{ kind: nic, moderation: dynamic }, tap], sample: { period: 1ms } }\n",
            "9:51", "expected off, adaptive, or an interval of whole microseconds from 4us to 8191us"),
        BadInputCase.Scenario("nic-timestamp-in-virtio-guest", "a sample read at the NIC's hardware timestamp by a guest behind virtio-net",
            "name: n\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    devices:\n      - name: net0\n        type: net\n        host: { stages: [nic, tap], sample: { period: 1ms, rxTimestamp: nic } }\n",
            "9:73", "has no hardware receive timestamps (virtio 1.2, 5.1): use kernel or application"),
        BadInputCase.Scenario("taprio-gate-beyond-classes", "a taprio gate entry opening a traffic class the qdisc does not have",
            "name: n\nseed: 1\nduration: 1ms\nguests:\n  - name: vm\n    devices:\n      - name: net0\n        type: net\n        host:\n          stages: [nic, socket]\n          sample: { period: 1ms }\n          sender:\n            qdisc: { kind: taprio, numTc: 2, map: [1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], queues: [1@0, 3@1], entries: [{ open: [2], interval: 100us }], offload: full }\n",
            "13:20", "opens a traffic class beyond num_tc 2"),
        BadInputCase.Scenario("blk-read-fraction", "readFraction above 1", XenBlk(workload: "{ requestSize: 4KiB, readFraction: 1.5 }"), "11:54", "a fraction between 0 and 1"),
        BadInputCase.Scenario("blk-verify-sample", "a blk verify sample above 1", XenBlk(workload: "{ requestSize: 4KiB, verify: { sample: 2 } }"), "11:58", "a fraction of reads between 0 and 1"),
        BadInputCase.Scenario("blk-request-too-large", "a 2 MiB blk request", XenBlk(workload: "{ requestSize: 2MiB }"), "11:34", "at most 1MiB"),
        BadInputCase.Scenario("unknown-cost-profile", "costs: a profile that is neither built in nor a file", Echo().Replace("duration: 1ms", "duration: 1ms\ncosts: kvm-arm"), "4:8", "no cost profile 'kvm-arm'"),
        BadInputCase.Scenario("malformed-cost-profile-file", "costs: a profile file with a YAML error", Echo().Replace("duration: 1ms", "duration: 1ms\ncosts: prof.yaml"), "", "", more: File("prof.yaml", "name: p\nentries: [\n  a: b\n")) with
        {
            Location = "{dir}/prof.yaml:", Expected = "YAML syntax error",
        },
        BadInputCase.Scenario("unknown-cost-override", "costOverrides: a cost the profile lacks", Echo().Replace("duration: 1ms", "duration: 1ms\ncostOverrides:\n  backend.wakup: { value: 5us, source: test }"), "5:3", "has no cost 'backend.wakup'; did you mean 'backend.wakeup'?"),
    ];
}
