namespace AgentWatch.Dataset.Tests;

/// <summary>
/// The five German seed articles the built-in dataset was extracted from, read line by line. They live outside the
/// repository (next to it, in shared/seeds) and are not copied into it: the tests read the committed fingerprint
/// (<see cref="SeedFingerprint"/>), and compare it with the articles when they are present.
/// </summary>
public static class SeedArticles
{
    /// <summary>The seed files the dataset may cite; a signal citing any other file has no provenance.</summary>
    public static readonly IReadOnlyList<string> FileNames =
    [
        "000_af3b632beef51c17.txt",
        "001_08489dfa80323933.txt",
        "002_2e1e6a76ef572053.txt",
        "003_a021c20f79fb0a76.txt",
        "004_f83b04b47871ab2e.txt",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, string[]>> Lines = new(Load);

    /// <summary>The lines of one seed file; index 0 is "line 1".</summary>
    public static IReadOnlyDictionary<string, string[]> LinesByFile => Lines.Value;

    public static string Folder => LocateFolder();

    /// <summary>Whether the articles are next to this checkout (on a developer's machine; perhaps not in CI).</summary>
    public static bool Available
    {
        get
        {
            try
            {
                return Directory.Exists(LocateFolder());
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    private static IReadOnlyDictionary<string, string[]> Load()
    {
        var folder = LocateFolder();
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            var path = Path.Combine(folder, name);
            if (!File.Exists(path))
                throw new InvalidOperationException($"Seed article {name} is missing from {folder}; the dataset cannot be checked against it.");
            // ReadAllLines splits on \n and \r\n alike, which is how the dataset's "line N" items were counted.
            result[name] = File.ReadAllLines(path);
        }
        return result;
    }

    /// <summary>
    /// Walks up from the test binaries to the repository root (the folder holding AgentWatch.sln) and takes
    /// ../shared/seeds from there, so the tests work from any build output folder.
    /// </summary>
    private static string LocateFolder()
    {
        var start = AppContext.BaseDirectory;
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) continue;
            var seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "seeds"));
            if (Directory.Exists(seeds)) return seeds;
            throw new InvalidOperationException(
                $"Found the repository root {dir.FullName} (it holds AgentWatch.sln) but no seed folder at {seeds}. " +
                "The seed articles are expected in shared/seeds next to the repository.");
        }
        throw new InvalidOperationException(
            $"Could not find the repository root: no folder above {start} contains AgentWatch.sln, so the seed articles " +
            "(../shared/seeds from the root) cannot be located.");
    }
}
