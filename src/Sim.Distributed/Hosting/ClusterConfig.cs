using Akka.Configuration;

namespace Sim.Distributed.Hosting;

/// <summary>
/// The HOCON configuration of a node: the node's own address and role (from the command line) over the
/// <c>--config</c> file, if any, over the defaults embedded from <c>cluster.conf</c>.
/// </summary>
public static class ClusterConfig
{
    /// <summary>The embedded defaults (<c>cluster.conf</c>).</summary>
    public static Config Defaults()
    {
        using var stream = typeof(ClusterConfig).Assembly.GetManifestResourceStream("Sim.Distributed.cluster.conf")
            ?? throw new InvalidOperationException("cluster.conf is not embedded in Sim.Distributed");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>The configuration of a node with <paramref name="role"/> listening at <paramref name="listen"/>.</summary>
    public static Config For(string role, ClusterEndpoint listen, string? configFile)
    {
        var node = ConfigurationFactory.ParseString(
            $"akka.remote.dot-netty.tcp.hostname = \"{listen.BindHost}\"\n" +
            $"akka.remote.dot-netty.tcp.public-hostname = \"{listen.Host}\"\n" +
            $"akka.remote.dot-netty.tcp.port = {listen.Port}\n" +
            $"akka.cluster.roles = [\"{role}\"]\n");
        return node.WithFallback(File(configFile)).WithFallback(Defaults());
    }

    /// <summary>A duration setting of <paramref name="config"/> under <c>virtiosim.cluster</c>.</summary>
    public static TimeSpan Setting(Config config, string name) =>
        config.GetTimeSpan($"virtiosim.cluster.{name}", null, allowInfinite: false);

    private static Config File(string? path)
    {
        if (path is null) return Config.Empty;
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClusterStartupException($"--config {path}: cannot be read ({e.Message}); expected a HOCON file");
        }
        try
        {
            return ConfigurationFactory.ParseString(text);
        }
        catch (Exception e) when (e is ConfigurationException or FormatException)
        {
            throw new ClusterStartupException($"--config {path}: not valid HOCON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
