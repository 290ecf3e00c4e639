using System.Net;
using System.Net.Sockets;

namespace Sim.Distributed.Hosting;

/// <summary>
/// A node's address as given on the command line, <c>HOST:PORT</c> (<c>--listen</c>, <c>--join</c>). The host is
/// what other nodes use to reach this one, so a coordinator's <c>--listen</c> host and its workers' <c>--join</c>
/// host must be spelt the same (Akka drops messages addressed to another spelling of its address).
/// </summary>
/// <param name="Host">A host name or IP address.</param>
/// <param name="Port">A TCP port; 0 for any free one.</param>
public sealed record ClusterEndpoint(string Host, int Port)
{
    /// <summary>The coordinator's port when <c>--listen</c> does not give one.</summary>
    public const int DefaultPort = 4053;

    /// <summary>Reads <paramref name="text"/> given to <paramref name="option"/>; a bad one is a <see cref="ClusterStartupException"/>.</summary>
    public static ClusterEndpoint Parse(string option, string text)
    {
        int colon = text.LastIndexOf(':');
        string host = colon < 0 ? text : text[..colon].Trim('[', ']');
        string portText = colon < 0 ? DefaultPort.ToString(System.Globalization.CultureInfo.InvariantCulture) : text[(colon + 1)..];
        if (host.Length == 0 || !int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new ClusterStartupException($"{option} '{text}': expected HOST:PORT, e.g. 127.0.0.1:{DefaultPort} or node1:{DefaultPort}");
        return new ClusterEndpoint(host, port);
    }

    /// <summary>The coordinator's default: this machine's name, port <see cref="DefaultPort"/>.</summary>
    public static ClusterEndpoint DefaultCoordinator() => new(Dns.GetHostName(), DefaultPort);

    /// <summary>
    /// A worker's default: the local address this machine uses to reach <paramref name="seed"/> (127.0.0.1 for a seed on
    /// this machine), any free port.
    /// </summary>
    public static ClusterEndpoint TowardsSeed(ClusterEndpoint seed)
    {
        try
        {
            using var probe = new Socket(SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(seed.Host, seed.Port == 0 ? DefaultPort : seed.Port); // UDP: no packet is sent, a route is chosen
            if (probe.LocalEndPoint is IPEndPoint local && !local.Address.Equals(IPAddress.Any))
                return new ClusterEndpoint(local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4().ToString() : local.Address.ToString(), 0);
        }
        catch (SocketException)
        {
            // The seed's name does not resolve here; joining will say so.
        }
        return new ClusterEndpoint(Dns.GetHostName(), 0);
    }

    /// <summary>The address to bind: the host itself when it is an IP address, otherwise every interface.</summary>
    public string BindHost => IPAddress.TryParse(Host, out _) ? Host : "0.0.0.0";

    /// <summary>Throws a <see cref="ClusterStartupException"/> naming <paramref name="option"/> when the port cannot be bound here.</summary>
    public void EnsureFree(string option)
    {
        if (Port == 0) return;
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(BindHost), Port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException e)
        {
            string why = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is already in use" : e.Message;
            throw new ClusterStartupException($"{option} {this}: cannot listen there: {why}; choose another port with {option} HOST:PORT");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Host}:{Port}";
}
