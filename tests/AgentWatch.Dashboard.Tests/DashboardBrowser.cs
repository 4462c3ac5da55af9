using Microsoft.Playwright;

namespace AgentWatch.Dashboard.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright: one page, and every console error, uncaught page error and failed
/// response it shows from the first navigation to the end of the test, so a test can fail on any of them.
/// </summary>
/// <remarks>
/// Playwright's .NET package runs its driver on the node binary it ships (copied beside the test assembly), so nothing
/// is fetched at run time; it would download a browser build only on <c>playwright install</c>, which is never run:
/// the browser is Debian's, launched through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/>.
/// </remarks>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _errors = [];

    private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page) => (_playwright, _browser, Page) = (playwright, browser, page);

    /// <summary>Debian's Chromium (the wrapper script, which sets Debian's flags and runs the real binary), else another Chromium on the usual paths.</summary>
    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test where Chromium is missing, saying why; under CI=true the test runs and fails instead.</summary>
    public static void SkipUnlessAvailable() =>
        Assert.SkipUnless(Executable is not null || IsCi, "Chromium is not installed here (apt-get install chromium); under CI=true this test runs and fails instead.");

    public IPage Page { get; }

    /// <summary>What the page reported as going wrong so far: console errors, page errors, responses of 400 and over.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }

    public static async Task<DashboardBrowser> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException("Chromium is not installed (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // No GPU in a container, and /dev/shm is often too small for Chromium's shared memory there.
                Args = ["--disable-gpu", "--disable-dev-shm-usage"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1800 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            var driven = new DashboardBrowser(playwright, browser, page);
            page.Console += (_, message) =>
            {
                if (message.Type == "error") driven.Record($"console error: {message.Text} (at {message.Location})");
            };
            page.PageError += (_, error) => driven.Record($"page error: {error}");
            page.Response += (_, response) =>
            {
                if (response.Status >= 400) driven.Record($"{response.Request.Method} {response.Url} answered {response.Status} {response.StatusText}");
            };
            return driven;
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private void Record(string error)
    {
        lock (_errors) _errors.Add(error);
    }

    /// <summary>Waits until the expression is truthy in the page, and says what was awaited when it never is.</summary>
    public async Task WaitForAsync(string expression, string what, TimeSpan? timeout = null)
    {
        try
        {
            // As a function: Playwright would eval a bare expression in the page on each poll, which the dashboard's
            // content security policy (no 'unsafe-eval') rightly refuses.
            await Page.WaitForFunctionAsync($"() => ({expression})", null, new PageWaitForFunctionOptions { Timeout = (float)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The page never showed {what} ({expression}).", ex);
        }
    }

    /// <summary>The value of a JavaScript expression in the page (awaited if it is a promise).</summary>
    public Task<T> EvaluateAsync<T>(string expression) => Page.EvaluateAsync<T>(expression);

    /// <summary>A PNG of the whole page, saved to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }

    /// <summary>Fails when the page reported anything going wrong since it was opened.</summary>
    public void AssertNoErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, $"The page reported {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _browser.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
        }
    }
}
