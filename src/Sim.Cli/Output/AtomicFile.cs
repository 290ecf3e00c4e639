namespace Sim.Cli.Output;

/// <summary>Writes a file so that readers see either the old content or the whole new one, never a torn write.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        string temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}
