namespace Sim.Devices.Sound;

/// <summary>
/// What the device made of one controlq request (virtio 1.2, 5.14.6.1): the status it answers and how many response
/// bytes it wrote (the <c>virtio_snd_hdr</c> and any info items), the lifecycle command that succeeded (null when none
/// did) and its stream; or, for a chain the device cannot answer at all, the broken rule (<see cref="Rule"/> not null),
/// its section and what was wrong. Plain data.
/// </summary>
/// <param name="Status">VIRTIO_SND_S_* answered.</param>
/// <param name="ResponseBytes">Bytes of the response to write into the chain's device-writable part.</param>
/// <param name="Succeeded">The lifecycle command that succeeded, or null.</param>
/// <param name="StreamId">The stream <paramref name="Succeeded"/> concerns.</param>
/// <param name="Rule">A malformed chain's finding name, or null.</param>
/// <param name="Section">The specification section the malformed chain breaks.</param>
/// <param name="Detail">What was malformed.</param>
public readonly record struct SoundControlOutcome(uint Status, int ResponseBytes, PcmCommand? Succeeded = null, uint StreamId = 0,
    string? Rule = null, string? Section = null, string? Detail = null)
{
    /// <summary>Whether the chain was malformed (no answer; the device needs a reset).</summary>
    public bool IsMalformed => Rule is not null;

    /// <summary>A status alone (a <c>virtio_snd_hdr</c>).</summary>
    public static SoundControlOutcome Answer(uint status) => new(status, SoundLayout.Hdr.Size);

    /// <summary>A chain the device cannot answer.</summary>
    public static SoundControlOutcome Malformed(string section, string detail) => new(0, 0, Rule: "sound-control-malformed", Section: section, Detail: detail);
}
