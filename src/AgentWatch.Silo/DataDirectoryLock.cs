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
    private readonly FileStream _lock;
    private readonly string _directory;
    private string? _infoFile;

    private DataDirectoryLock(FileStream lockStream, string directory)
    {
        _lock = lockStream;
        _directory = directory;
    }

    /// <summary>
    /// Takes the lock, or returns null when another live process holds it. A silo on its own takes it exclusively; the
    /// silos of a local cluster share it, so they exclude a lone silo, and a lone silo excludes them.
    /// </summary>
    public static DataDirectoryLock? TryAcquire(string directory, bool shared = false)
    {
        Directory.CreateDirectory(directory);
        try
        {
            var stream = new FileStream(Path.Combine(directory, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, shared ? FileShare.ReadWrite : FileShare.None);
            return new DataDirectoryLock(stream, directory);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A running silo on this directory that has an address, if a live process holds the directory.</summary>
    public static SiloInfo? ReadHolder(string directory)
    {
        if (!Directory.Exists(directory)) return null;
        foreach (var path in Directory.EnumerateFiles(directory, "silo*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                var info = JsonSerializer.Deserialize<SiloInfo>(File.ReadAllText(path));
                // A file left by a killed silo names a process that is gone.
                if (info is not null && IsRunning(info.ProcessId)) return info;
            }
            catch (Exception ex) when (ex is IOException or JsonException)
            {
            }
        }
        return null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Says where this silo listens (silo.json, or silo-PORT.json for a member of a local cluster).</summary>
    public void Publish(SiloInfo info, string name = "silo.json")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(info));
        File.Move(path + ".tmp", path, overwrite: true);
        _infoFile = path;
    }

    public void Dispose()
    {
        try
        {
            if (_infoFile is not null) File.Delete(_infoFile);
        }
        catch (IOException)
        {
        }
        _lock.Dispose();
    }
}
