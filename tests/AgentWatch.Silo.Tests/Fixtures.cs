using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Silo;

namespace AgentWatch.Silo.Tests;

/// <summary>A temporary folder removed when the test ends.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentwatch-silo-tests", Guid.NewGuid().ToString("N"));
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}

public static class Silos
{
    /// <summary>A silo with the HTTP API on a free loopback port, on its own data directory.</summary>
    public static Task<SiloHost> StartAsync(string dataDirectory, Dictionary<string, string?>? settings = null, string? configDirectory = null, int port = 0)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = dataDirectory,
            ["Silo:Port"] = port.ToString(),
            ["Brief:Daily"] = "false",
            // These tests count the rules' alerts and deliveries; the agents' own alerts (news, bubble risk), raised in the
            // background, are tested in AgentWatch.Agents.Tests and switched on here only where a test says so.
            ["Rules:MaterialNews:Enabled"] = "false",
            ["Rules:BubbleRisk:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? []) overrides[k] = v;
        return SiloHost.StartAsync(new SiloLaunch { Overrides = overrides, ConfigDirectory = configDirectory, LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
    }

    public static Valuation HighPe(string id, string company, decimal pe) => new()
    {
        Id = id, Company = company, Period = Period.Parse("2026-03"), KnownOn = new DateOnly(2026, 3, 2), Source = new SourceRef("test", null, "line 1"), PeRatio = pe,
    };
}

/// <summary>Self-signed certificates written as password-protected .pfx files, as a user would make them with openssl.</summary>
public static class Certificates
{
    public static string Write(string folder, string name, string password)
    {
        Directory.CreateDirectory(folder);
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN=agentwatch-{name}", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, password));
        return path;
    }
}
