using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentWatch.Testing;

/// <summary>
/// Headless Chromium (Debian's <c>chromium</c>) driven over the DevTools protocol: one page, navigation, JavaScript
/// evaluated in it, screenshots. Enough to test the dashboard as a user's browser runs it, without a browser download.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile) => (_process, _profile) = (process, profile);

    /// <summary>The browser binary: the real one behind Debian's wrapper script, else whatever is on PATH.</summary>
    public static string? Executable =>
        new[] { "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync()
    {
        var exe = Executable ?? throw new InvalidOperationException("Chromium is not installed (apt-get install chromium).");
        var profile = Path.Combine(Path.GetTempPath(), "agentwatch-chromium", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--no-zygote", "--disable-dev-shm-usage", "--no-first-run",
                     "--remote-debugging-port=0", "--window-size=1400,1800", $"--user-data-dir={profile}", "about:blank" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        var browser = new HeadlessChromium(process, profile);
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" once it is ready.
        string? endpoint = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (endpoint is null && DateTime.UtcNow < deadline)
        {
            var line = await process.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null) break;
            var at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.Contains("DevTools listening", StringComparison.Ordinal) && at >= 0) endpoint = line[at..].Trim();
        }
        if (endpoint is null)
        {
            await browser.DisposeAsync();
            throw new InvalidOperationException("Chromium did not report its DevTools endpoint.");
        }
        // Keep draining stderr, or a chatty browser blocks on a full pipe.
        _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is not null) { } });
        var port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        browser._reader = browser.ReadAsync();
        await browser.SendAsync("Page.enable");
        await browser.SendAsync("Runtime.enable");
        return browser;
    }

    public async Task<JsonNode> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (result["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return result["result"]!;
    }

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new { url });

    /// <summary>The value of a JavaScript expression in the page (awaited if it is a promise), as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result["exceptionDetails"] is { } failure) throw new InvalidOperationException($"{expression}: {failure.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>Waits until the expression is truthy in the page, and says what was awaited when it never is.</summary>
    public async Task WaitForAsync(string expression, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await EvaluateAsync($"Boolean({expression})");
            if (value?.GetValue<bool>() == true) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The page never showed {what} ({expression}).");
            await Task.Delay(100);
        }
    }

    /// <summary>A PNG of the whole page, saved to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)shot["data"]!));
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
            {
                var r = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, r.Count);
                if (!r.EndOfMessage) continue;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
                message.SetLength(0);
                if (node?["id"] is { } id && _pending.TryRemove((int)id, out var waiter)) waiter.TrySetResult(node);
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        _socket.Dispose();
        await _reader.ContinueWith(_ => { });
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
