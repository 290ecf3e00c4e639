namespace Sim.Devices.Rpmb;

/// <summary>
/// Why the device refused a request whose shape the specification's result codes do not cover (virtio 1.2, 5.12.6
/// and 5.12.6.1). A refused request changes nothing (key, counter, data, result register) and writes no response frame.
/// Shape faults the specification does give a result code (a wrong <c>block_count</c>) are answered, not refused.
/// </summary>
public enum RpmbRefusal
{
    /// <summary>Not refused: the request was carried out (or answered with its result code).</summary>
    None = 0,

    /// <summary>The request is empty or not a whole number of frames: "The frame is in size of 512B" (5.12.6.1).</summary>
    NotWholeFrames,

    /// <summary>The first frame's <c>req_resp</c> is none of the five request types (5.12.6).</summary>
    UnknownRequestType,

    /// <summary>
    /// The request has more or fewer frames than its type takes: a data write is <c>block_count</c> frames, the other
    /// requests one frame, and only a program-key or data-write may be followed by a RESULT_READ frame (5.12.6, 5.12.6.1).
    /// </summary>
    FrameCountMismatch,

    /// <summary>
    /// The device-writable part cannot hold the response: <c>block_count</c> frames for a read, one frame for a
    /// get-counter or result read (5.12.6, 5.12.6.1).
    /// </summary>
    ResponseTooSmall,
}
