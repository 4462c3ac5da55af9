using System.Globalization;
using System.Reflection;

namespace AgentWatch.Storage;

/// <summary>One versioned schema script: applied once, in order, and recorded under its version.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);

/// <summary>
/// The schema scripts embedded in this assembly, one folder per database ("Schema/Sqlite/0001-orleans.sql"). The version
/// comes from the file name so that adding a script is the whole of a schema change; the checks below turn a numbering
/// mistake into a failure on the first run of any test rather than a silently skipped script in production.
/// </summary>
internal static class SchemaScripts
{
    public const string SqliteFolder = "Sqlite";
    public const string PostgresFolder = "PostgreSql";

    public static IReadOnlyList<SchemaScript> Load(string folder)
    {
        var assembly = typeof(SchemaScripts).Assembly;
        var prefix = $"Schema/{folder}/";
        var scripts = assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Path: resource.Replace('\\', '/')))
            .Where(r => r.Path.StartsWith(prefix, StringComparison.Ordinal) && r.Path.EndsWith(".sql", StringComparison.Ordinal))
            .Select(r => Parse(assembly, r.Resource, r.Path[prefix.Length..^".sql".Length]))
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.Count == 0)
            throw new InvalidOperationException($"No schema scripts are embedded for {folder}.");
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
                throw new InvalidOperationException(
                    $"The {folder} schema scripts must be numbered 1, 2, 3... without gaps or repeats; found {string.Join(", ", scripts.Select(s => s.Version))}.");
        }
        return scripts;
    }

    private static SchemaScript Parse(Assembly assembly, string resource, string fileName)
    {
        var dash = fileName.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !int.TryParse(fileName[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
            throw new InvalidOperationException($"The schema script {resource} is not named NNNN-name.sql.");
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The schema script {resource} cannot be read.");
        using var reader = new StreamReader(stream);
        return new SchemaScript(version, fileName[(dash + 1)..], reader.ReadToEnd());
    }
}
