using Microsoft.Extensions.Logging;

namespace Sim.Cli.Output;

/// <summary>The logger factory handed to models: console output on stderr with scopes (simulated time, actor) shown.</summary>
internal static class ModelLogging
{
    public static ILoggerFactory Create(string level, TextWriter error)
    {
        var minimum = level switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" => LogLevel.Information,
            "warning" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(minimum);
            if (minimum == LogLevel.None) return;
            builder.AddSimpleConsole(options =>
            {
                options.IncludeScopes = true;
                options.SingleLine = true;
            });
            builder.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        });
    }
}
