using System.Text.Json;

namespace AgentWatch.Silo;

/// <summary>What a running silo says about itself in its data directory, so a CLI started later can find it.</summary>
public sealed record SiloInfo(int ProcessId, string? Url, DateTimeOffset StartedAt);

/// <summary>
/// One silo per data directory: an exclusive OS lock on <c>silo.lock</c>, released by the OS even when the process is
/// killed. Beside it, <c>silo.json</c> tells others the holder's address.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "silo.lock";
    private const string InfoFile = "silo.json";
    private readonly FileStream _lock;
    private readonly string _directory;

    private DataDirectoryLock(FileStream lockStream, string directory)
    {
        _lock = lockStream;
        _directory = directory;
    }

    /// <summary>Takes the lock, or returns null when another live process holds it.</summary>
    public static DataDirectoryLock? TryAcquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            var stream = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectoryLock(stream, directory);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The running silo's details, if a live process holds the directory.</summary>
    public static SiloInfo? ReadHolder(string directory)
    {
        var path = Path.Combine(directory, InfoFile);
        if (!File.Exists(path)) return null;
        // A silo.json left by a killed silo is stale: the lock tells.
        using (var probe = TryAcquire(directory))
        {
            if (probe is not null) return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SiloInfo>(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    public void Publish(SiloInfo info)
    {
        var path = Path.Combine(_directory, InfoFile);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(info));
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(_directory, InfoFile));
        }
        catch (IOException)
        {
        }
        _lock.Dispose();
    }
}
