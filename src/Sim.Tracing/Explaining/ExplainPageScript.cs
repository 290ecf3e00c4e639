namespace Sim.Tracing.Explaining;

/// <summary>
/// The explain page's one inline script. It reads the JSON of <c>#explain-data</c> (<see cref="ExplainPageData"/>),
/// draws the timeline (<c>svg#timeline-svg</c>: one lane per actor, a <c>circle.mark[data-step]</c> per step placed by
/// time, at least a few pixels after the one before, and a <c>g.arrow[data-step]</c> from actor to target), and on every
/// move (buttons, keys, a click on a mark, the time box) renders the step label, the narration, the counters
/// (<c>#counters [data-counter]</c>), the hex of what the step wrote (<c>#changes</c>) and every region
/// (<c>#regions [data-region]</c>) rebuilt by replaying the writes of steps 0..current onto zeroed buffers.
/// </summary>
/// <remarks>
/// Decoded cells carry <c>data-field</c> (and <c>data-entry</c>, the entry's index, in tables and rings):
/// split-desc <c>desc-addr</c>, <c>desc-len</c>, <c>desc-flags</c>, <c>desc-next</c>; split-avail <c>flags</c>,
/// <c>idx</c>, <c>avail-ring</c>, <c>used-event</c>; split-used <c>flags</c>, <c>idx</c>, <c>used-id</c>,
/// <c>used-len</c>, <c>avail-event</c>; packed-desc <c>desc-addr</c>, <c>desc-len</c>, <c>desc-id</c>,
/// <c>desc-flags</c>; packed events <c>event-offset</c>, <c>event-wrap</c>, <c>flags</c>; grant-table
/// <c>grant-flags</c>, <c>grant-domid</c>, <c>grant-frame</c> (non-zero entries only); iommu-requests (256-byte
/// slots, non-zero or changed ones only, <c>data-entry</c> the slot) <c>iommu-type</c>, <c>iommu-domain</c>,
/// <c>iommu-endpoint</c>, <c>iommu-iova</c>, <c>iommu-gpa</c>, <c>iommu-flags</c>, <c>iommu-status</c> (the status
/// name once the device wrote the tail, <c>written</c> when it wrote bytes but where the status sits is unclear),
/// followed by the table <c>[data-view="iommu-mappings"]</c>: the mappings the guest asked for, replayed from every
/// MAP and UNMAP whose head a step wrote, one <c>tr[data-field="mapping"]</c> each (<c>data-entry</c> its index,
/// sorted by domain then IOVA; cells <c>mapping-domain</c>, <c>mapping-iova</c>, <c>mapping-gpa</c>,
/// <c>mapping-flags</c>; class <c>changed</c> when added by the current step), or a "no mapping" row. Tables of more than 16 entries
/// show only entries that are non-zero, changed by the current step, or (rings) among the last 16 published slots;
/// <c>idx</c> is always shown. A <c>window</c> region (a bounce window in 2 KiB slots, slot i at start + 2048·i) shows
/// no bytes: its writes are replayed sparsely (a 2 KiB buffer per slot, made on its first write) into a summary
/// <c>[data-field="window-summary"]</c> ("N of M slots written (X KiB)", M = length / 2048, X = 2·N), the ranges of
/// written slots <c>[data-field="window-ranges"]</c>, and a slot map of at most 256 cells
/// <c>[data-field="window-slot"]</c> (<c>data-entry</c> the slot; class <c>written</c>, and <c>changed</c> when the
/// current step wrote it; slots the current step wrote come first when there are more), a click on one showing its
/// first 64 bytes in <c>pre[data-field="window-slot-bytes"]</c>. In <c>#changes</c> each write is dumped up to 256
/// bytes, then "… (N more bytes)". Unknown kinds show their bytes only. Other buffers are capped at 16 MiB. The script
/// never logs and builds every element with DOM calls (no HTML strings).
/// </remarks>
internal static class ExplainPageScript
{
    /// <summary>
    /// The script, ending in a newline, assembled from its four parts (the replay, the decoders, the timeline, the view),
    /// which share one function scope; it contains no <c>&lt;/</c>.
    /// </summary>
    public const string Js = ExplainPageScriptMemory.Js + "\n" + ExplainPageScriptDecoders.Js + "\n" + ExplainPageScriptTimeline.Js + "\n"
        + ExplainPageScriptView.Js;
}
