using Sim.Scenarios.Loading;

namespace Sim.Scenarios.Tests.Loading;

/// <summary>Whatever the text, the loader either returns a model or throws a located <see cref="ScenarioException"/>.</summary>
public class MalformedInputTests
{
    private const string Valid = """
        name: fuzz
        description: "an M/M/1 queue"
        seed: 42
        duration: 2s
        warmup: 100ms
        maxEvents: 5000000
        queueing:
          sources:
            - name: arrivals
              interarrival: { uniform: { min: 1us, max: 3us } }
              to: [ { target: server, weight: 0.3 }, { target: sink, weight: 0.7 } ]
              limit: 10
          servers:
            - &srv
              name: server
              service: { exponential: 8us }
              to:
                - target: sink
          sinks:
            - name: sink
        """;

    /// <summary>Characters that YAML gives meaning to, plus a few ordinary ones.</summary>
    private const string Alphabet = " \n\t:-[]{},&*!|>'\"#%@`?~0123456789.abcsu";

    [Fact]
    public void Random_edits_of_a_valid_file_never_escape_as_another_exception_type()
    {
        var random = new Random(20240601);
        int rejected = 0;
        for (int trial = 0; trial < 2000; trial++)
        {
            string text = Mutate(Valid, random, edits: 1 + random.Next(3));
            try
            {
                ScenarioLoader.LoadText(text, "fuzz.yaml");
            }
            catch (ScenarioException e)
            {
                rejected++;
                Assert.True(e.Line >= 1 && e.Column >= 1, $"{e.Message}\n--- for text ---\n{text}");
            }
            catch (Exception e)
            {
                Assert.Fail($"{e.GetType().Name}: {e.Message}\n--- for text ---\n{text}");
            }
        }
        Assert.InRange(rejected, 1, 1999); // the edits both break and keep files valid
    }

    private static string Mutate(string text, Random random, int edits)
    {
        var chars = new List<char>(text);
        for (int i = 0; i < edits; i++)
        {
            int at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                default: chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }
        return new string(chars.ToArray());
    }
}
