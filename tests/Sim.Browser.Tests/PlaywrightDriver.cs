using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Playwright;

namespace Sim.Browser.Tests;

/// <summary>
/// Points Playwright at its driver (the JavaScript CLI) and the node that runs it, both in the NuGet package folder:
/// the project builds with <c>PlaywrightPlatform=none</c>, so neither is copied into bin/ (which stays ~6 MB instead of
/// ~140 MB). The package's own node is used rather than the system one because the driver needs node &gt;= 20 and
/// Debian 12's nodejs is 18; the package's node always matches its driver and needs no apt package.
/// </summary>
internal static class PlaywrightDriver
{
    private const string DriverSearchPath = "PLAYWRIGHT_DRIVER_SEARCH_PATH";
    private const string NodePath = "PLAYWRIGHT_NODEJS_PATH";

    /// <summary>
    /// Sets <c>PLAYWRIGHT_DRIVER_SEARCH_PATH</c> and <c>PLAYWRIGHT_NODEJS_PATH</c> for this process (each only when
    /// not already set, so either can be overridden from outside) before <see cref="Playwright.CreateAsync"/> runs.
    /// </summary>
    public static void Configure()
    {
        string package = Environment.GetEnvironmentVariable(DriverSearchPath) is { Length: > 0 } given
            ? given
            : FindPackageFolder();
        Environment.SetEnvironmentVariable(DriverSearchPath, package);

        if (Environment.GetEnvironmentVariable(NodePath) is { Length: > 0 }) return;
        string node = Path.Combine(package, ".playwright", "node", NodePlatform(), "node");
        if (!File.Exists(node))
            throw new InvalidOperationException($"Playwright's node is not where the package should have it: {node}. Run `dotnet restore`, or set {NodePath} to a node >= 20.");
        EnsureExecutable(node);
        Environment.SetEnvironmentVariable(NodePath, node);
    }

    /// <summary>
    /// The restored Microsoft.Playwright package folder: the one recorded at build time (<c>$(PkgMicrosoft_Playwright)</c>),
    /// else the same version under <c>$NUGET_PACKAGES</c> or <c>~/.nuget/packages</c>.
    /// </summary>
    private static string FindPackageFolder()
    {
        var candidates = new List<string>();
        string? recorded = typeof(PlaywrightDriver).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PlaywrightPackageFolder")?.Value;
        if (!string.IsNullOrEmpty(recorded)) candidates.Add(recorded);

        string version = PackageVersion();
        if (Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } nugetPackages)
            candidates.Add(Path.Combine(nugetPackages, "microsoft.playwright", version));
        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", "microsoft.playwright", version));

        foreach (string candidate in candidates)
            if (File.Exists(Path.Combine(candidate, ".playwright", "package", "cli.js"))) return candidate;
        throw new InvalidOperationException(
            $"Playwright's driver (.playwright/package/cli.js) was not found in any of: {string.Join(", ", candidates)}. " +
            $"Run `dotnet restore`, or set {DriverSearchPath} to the microsoft.playwright package folder.");
    }

    /// <summary>The Microsoft.Playwright package version, e.g. "1.64.1", from the assembly's informational version.</summary>
    private static string PackageVersion()
    {
        Assembly playwright = typeof(IPlaywright).Assembly;
        string? informational = playwright.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational)) return informational.Split('+')[0];
        Version v = playwright.GetName().Version ?? new Version(0, 0, 0);
        return $"{v.Major}.{v.Minor}.{v.Build}";
    }

    private static string NodePlatform()
    {
        // The browser tests run on Linux (they drive /usr/bin/chromium); macOS is the only other Unix the package serves.
        string os = OperatingSystem.IsMacOS() ? "darwin" : "linux";
        string arch = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "arm64" : "x64";
        return $"{os}-{arch}";
    }

    /// <summary>Restore does not always keep the execute bit of the package's files; put it back for this user.</summary>
    private static void EnsureExecutable(string file)
    {
        if (OperatingSystem.IsWindows()) return;
        UnixFileMode mode = File.GetUnixFileMode(file);
        if ((mode & UnixFileMode.UserExecute) == 0)
            File.SetUnixFileMode(file, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }
}
