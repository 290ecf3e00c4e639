using System.Text;

namespace Sim.Core.Actors;

/// <summary>
/// The stable, human-readable identity of an actor: a path such as <c>vm1/virtio-net0/frontend</c>.
/// Its <see cref="OrderKey"/> (a 64-bit FNV-1a hash of the path, mixed) is what same-time events are ordered by, so the
/// order never depends on when or where the actor was created (see <see cref="Scheduling.EventOrder"/>).
/// </summary>
public sealed class ActorId : IEquatable<ActorId>, IComparable<ActorId>
{
    private ActorId(string path, ulong orderKey)
    {
        Path = path;
        OrderKey = orderKey;
    }

    /// <summary>The path: segments of <c>[A-Za-z0-9._-]</c> separated by '/'.</summary>
    public string Path { get; }

    /// <summary>The key that orders this actor's events against other senders' events at the same time.</summary>
    public ulong OrderKey { get; }

    /// <summary>The id of the kernel's own sender, used for events scheduled from outside any actor (set-up).</summary>
    public static readonly ActorId Kernel = new("$kernel", 0);

    /// <summary>Parses and validates a path; throws <see cref="ArgumentException"/> naming the bad part.</summary>
    public static ActorId Of(string path)
    {
        if (!IsValidPath(path, out string problem)) throw new ArgumentException($"invalid actor path '{path}': {problem}", nameof(path));
        return new ActorId(path, KeyOf(path));
    }

    /// <summary>The id of a child of this actor, <c>this/segment</c>.</summary>
    public ActorId Child(string segment) => Of(Path + "/" + segment);

    /// <summary>Whether <paramref name="path"/> is a valid actor path; if not, <paramref name="problem"/> says why.</summary>
    public static bool IsValidPath(string? path, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(path))
        {
            problem = "the path is empty";
            return false;
        }
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0)
            {
                problem = "empty segment (leading, trailing or doubled '/')";
                return false;
            }
            foreach (char c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                {
                    problem = $"character '{c}' is not allowed; use letters, digits, '.', '_' or '-'";
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>FNV-1a over the UTF-8 bytes of the path, finished with a SplitMix64 mix; never 0 (reserved for the kernel).</summary>
    internal static ulong KeyOf(string path)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (byte b in Encoding.UTF8.GetBytes(path))
        {
            hash ^= b;
            hash *= 0x100000001B3UL;
        }
        ulong key = Randomness.SplitMix64.Mix(hash);
        return key == 0 ? 1 : key;
    }

    /// <inheritdoc />
    public bool Equals(ActorId? other) => other is not null && other.Path == Path;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => (int)OrderKey;

    /// <summary>Orders ids by path, ordinally (for reports and stable listings).</summary>
    public int CompareTo(ActorId? other) => string.CompareOrdinal(Path, other?.Path);

    /// <inheritdoc />
    public override string ToString() => Path;
}
