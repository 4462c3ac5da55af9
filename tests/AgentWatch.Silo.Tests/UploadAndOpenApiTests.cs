using System.Net;
using System.Text.Json;

namespace AgentWatch.Silo.Tests;

/// <summary>The OpenAPI document a silo serves, and files uploaded to POST /ingest, through a real Kestrel on loopback.</summary>
public sealed class UploadAndOpenApiTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private SiloHost _silo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _silo = await Silos.StartAsync(_temp.Sub("data"), new() { ["Silo:SeedOnFirstStart"] = "false" });
        _http = new HttpClient { BaseAddress = new Uri(_silo.Url!) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
        _temp.Dispose();
    }

    private static string Corpus(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AgentWatch.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "tests", "AgentWatch.Ingestion.Tests", "Corpus", "formats", name);
    }

    [Fact]
    public async Task The_silo_serves_an_openapi_document_of_its_endpoints()
    {
        using var response = await _http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString());
        Assert.Equal("AgentWatch", doc.GetProperty("info").GetProperty("title").GetString());
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/alerts", "/alerts/stream", "/signals", "/ask", "/ingest", "/webhooks", "/filers/{key}", "/cluster" })
            Assert.Contains(path, paths);
    }

    [Fact]
    public async Task An_uploaded_13f_submission_is_ingested_like_a_file()
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus("puts-and-calls.txt")));
        using var response = await _http.PostAsync("/ingest?name=puts-and-calls.txt", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, report.GetProperty("files").GetInt32());
        Assert.Equal(5, report.GetProperty("report").GetProperty("new").GetInt32());
        // The client's typed upload gives the same report: the file again, all duplicates now.
        using var client = new Client.AgentWatchClient(new Uri(_silo.Url!));
        var again = await client.IngestFileAsync(Corpus("puts-and-calls.txt"));
        Assert.Equal((1, 0, 5), (again.Files, again.Report.New, again.Report.Duplicates));
        var filer = await _silo.Api.GetFilerAsync("test-capital-lp", null);
        Assert.Equal(4, filer!.Positions.Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_temp.Sub("data"), "uploads")));
    }

    [Fact]
    public async Task An_uploaded_file_with_bad_rows_is_reported_by_its_own_name_and_line()
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus("ORCL_bad-rows.csv")));
        using var response = await _http.PostAsync("/ingest?name=ORCL_bad-rows.csv", content);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("report");
        Assert.Equal((4, 2), (report.GetProperty("new").GetInt32(), report.GetProperty("errors").GetInt32()));
        var places = report.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("where").GetString()!).ToList();
        Assert.Equal(["ORCL_bad-rows.csv:4", "ORCL_bad-rows.csv:6"], places.Order().ToArray());
    }

    [Fact]
    public async Task An_upload_without_a_name_is_a_problem_saying_what_to_add()
    {
        using var content = new StringContent("x");
        using var response = await _http.PostAsync("/ingest", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("?name=", await response.Content.ReadAsStringAsync());
    }
}
