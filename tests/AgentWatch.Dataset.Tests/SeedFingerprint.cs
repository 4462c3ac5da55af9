using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentWatch.Dataset.Tests;

/// <summary>What the tests need to know about one line of a seed article: whether it is blank, the numbers it writes,
/// and hashes of its runs of eight words. No sentence of the article is in it.</summary>
public sealed record FingerprintLine(bool Blank, IReadOnlyList<decimal> Numbers, IReadOnlyList<string> Runs);

/// <summary>
/// A fingerprint of the seed articles, committed beside these tests (seed-fingerprint.json) so that the provenance and
/// wording checks run on any clone, even where the articles are not next to it. It is built from the articles
/// (<see cref="Build"/>), and a test rebuilds it and compares whenever they are present, so it cannot go stale.
/// </summary>
public static class SeedFingerprint
{
    public const string FileName = "seed-fingerprint.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private static readonly Lazy<IReadOnlyDictionary<string, FingerprintLine[]>> Committed = new(Load);

    /// <summary>The committed fingerprint: per seed file, its lines (index 0 is "line 1").</summary>
    public static IReadOnlyDictionary<string, FingerprintLine[]> LinesByFile => Committed.Value;

    /// <summary>The hash a run of words is stored as: 64 bits of SHA-256, enough that two different runs never meet here.</summary>
    public static string Hash(string run) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(run)), 0, 8);

    /// <summary>The fingerprint of the articles as they are now.</summary>
    public static Dictionary<string, FingerprintLine[]> Build(IReadOnlyDictionary<string, string[]> articles) =>
        articles.ToDictionary(a => a.Key, a => a.Value.Select(line => new FingerprintLine(
            string.IsNullOrWhiteSpace(line),
            GermanNumbers.NumbersOn(line).Distinct().ToList(),
            WordRuns.Runs(line).Select(Hash).Distinct().ToList())).ToArray(), StringComparer.Ordinal);

    public static string Serialize(Dictionary<string, FingerprintLine[]> fingerprint) =>
        JsonSerializer.Serialize(new SortedDictionary<string, FingerprintLine[]>(fingerprint, StringComparer.Ordinal), Json);

    private static IReadOnlyDictionary<string, FingerprintLine[]> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"The seed fingerprint {path} is missing from the test output.");
        return JsonSerializer.Deserialize<Dictionary<string, FingerprintLine[]>>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"The seed fingerprint {path} is empty.");
    }

    internal static string Describe(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A fact that runs only where the seed articles are next to the checkout.</summary>
public sealed class SeedsPresentFactAttribute : FactAttribute
{
    public SeedsPresentFactAttribute()
    {
        if (!SeedArticles.Available) Skip = "The seed articles (../shared/seeds next to the repository) are not on this machine.";
    }
}

public sealed class SeedFingerprintTests
{
    [SeedsPresentFact]
    public void The_committed_fingerprint_matches_the_seed_articles()
    {
        var fresh = SeedFingerprint.Serialize(SeedFingerprint.Build(SeedArticles.LinesByFile));
        var committed = SeedFingerprint.Serialize(SeedFingerprint.LinesByFile.ToDictionary(kv => kv.Key, kv => kv.Value));
        if (fresh == committed) return;
        var regenerated = Path.Combine(AppContext.BaseDirectory, "seed-fingerprint.generated.json");
        File.WriteAllText(regenerated, fresh);
        Assert.Fail($"The committed {SeedFingerprint.FileName} does not match the seed articles. A fresh one is at {regenerated}: " +
                    $"copy it over tests/AgentWatch.Dataset.Tests/{SeedFingerprint.FileName}.");
    }

    [Fact]
    public void The_fingerprint_covers_every_seed_file_line_by_line_and_holds_no_words()
    {
        Assert.Equal(SeedArticles.FileNames.Order(), SeedFingerprint.LinesByFile.Keys.Order());
        Assert.All(SeedFingerprint.LinesByFile.Values, lines => Assert.True(lines.Length > 10));
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, SeedFingerprint.FileName));
        Assert.DoesNotContain("Nvidia", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Milliarden", text, StringComparison.OrdinalIgnoreCase);
    }
}
