namespace Sim.Distributed.Hosting;

/// <summary>
/// A distributed study cannot start or go on for a reason the user can fix: a malformed <c>--listen</c>/<c>--join</c>,
/// a port in use, a <c>--config</c> file that does not parse, a coordinator that cannot be reached. The message is
/// one line naming the option or address and what was expected (the command exits 2).
/// </summary>
public sealed class ClusterStartupException(string message, Exception? inner = null) : Exception(message, inner);
