using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Client;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// <c>GET /signals</c> pages through a real Kestrel on loopback: a limit, an opaque cursor that resumes where the last
/// page ended, the total and the next cursor (null at the end), and a clear 400 for a limit or cursor it cannot use.
/// </summary>
public sealed class SignalPagingTests : IAsyncLifetime
{
    private const string Company = "PAGECO";
    private const int Stored = 1234;
    private readonly TempFolder _temp = new();
    private SiloHost _silo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _silo = await Silos.StartAsync(_temp.Sub("data"));
        _http = new HttpClient { BaseAddress = new Uri(_silo.Url! + "/") };
        var report = await _silo.Api.IngestAsync(Enumerable.Range(0, Stored).Select(i => Signal(i)).ToList());
        Assert.Equal(Stored, report.New);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _silo.DisposeAsync();
        _temp.Dispose();
    }

    private static Signal Signal(int i) => Silos.HighPe($"page-{i:D5}", Company, 20 + i % 7);

    private async Task<JsonElement> PageAsync(string query)
    {
        var response = await _http.GetAsync("signals?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> Ids(JsonElement page) => page.GetProperty("signals").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Following_the_cursors_gives_every_signal_once_even_while_new_ones_arrive()
    {
        var seen = new List<string>();
        var totals = new List<int>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync($"company={Company}&limit=100" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            var ids = Ids(page);
            Assert.InRange(ids.Count, 1, 100);
            seen.AddRange(ids);
            totals.Add(page.GetProperty("total").GetInt32());
            // Said, not left out, at the end.
            var next = page.GetProperty("next");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            if (cursor is not null) Assert.Equal(100, ids.Count);
            // Signals stored in the middle of the listing: they come at its end, and nothing before them moves.
            if (++pages == 3) Assert.Equal(5, (await _silo.Api.IngestAsync(Enumerable.Range(Stored, 5).Select(i => Signal(i)).ToList())).New);
        }
        while (cursor is not null && pages < 100);

        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, Stored + 5).Select(i => $"page-{i:D5}").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        // One ingestion's chunks may land in either order; the later ingestion lands after all of them.
        Assert.Equal(Enumerable.Range(Stored, 5).Select(i => $"page-{i:D5}").Order(StringComparer.Ordinal), seen.TakeLast(5).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { Stored, Stored, Stored }, totals.Take(3));
        Assert.All(totals.Skip(3), t => Assert.Equal(Stored + 5, t));
        Assert.Equal(13, pages);
    }

    [Fact]
    public async Task The_total_and_pages_follow_the_filters_and_the_limit_has_a_default_and_a_maximum()
    {
        // The default page is 100 long, the longest 1000; the total is the whole list's.
        var first = await PageAsync($"company={Company}");
        Assert.Equal(PageRequest.DefaultLimit, Ids(first).Count);
        Assert.Equal(Stored, first.GetProperty("total").GetInt32());
        var longest = await PageAsync($"company={Company}&limit={PageRequest.MaxLimit}");
        Assert.Equal(PageRequest.MaxLimit, Ids(longest).Count);

        // A company's list, however it is named, is the company's whole timeline, page by page with the filters kept.
        var amazon = await _http.GetFromJsonAsync<JsonElement>("companies/AMZN");
        var count = amazon.GetProperty("snapshot").GetProperty("signalCount").GetInt32();
        var byName = new List<string>();
        string? cursor = null;
        do
        {
            var page = await PageAsync("company=Amazon&limit=7" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(count, page.GetProperty("total").GetInt32());
            byName.AddRange(Ids(page));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        Assert.Equal(count, byName.Distinct().Count());

        var guidance = await PageAsync("company=AMZN&kind=capex-guidance&limit=1");
        var all = guidance.GetProperty("total").GetInt32();
        Assert.True(all >= 2, "the built-in dataset has several Amazon guidance figures");
        var ids = Ids(guidance);
        for (var cursorOf = guidance.GetProperty("next").GetString(); cursorOf is not null;)
        {
            var page = await PageAsync($"company=AMZN&kind=capex-guidance&limit=1&cursor={Uri.EscapeDataString(cursorOf)}");
            ids.AddRange(Ids(page));
            cursorOf = page.GetProperty("next").GetString();
        }
        Assert.Equal(all, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Contains(id, byName));

        var asOf = await PageAsync("company=AMZN&kind=capex-guidance&asOf=2025-01-01");
        Assert.Equal(0, asOf.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, asOf.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_client_that_wants_the_whole_list_gets_it_across_pages()
    {
        using var client = new AgentWatchClient(new Uri(_silo.Url!));
        var all = await client.GetSignalsAsync(new SignalQuery(Company: Company));
        Assert.Equal(Stored, all.Count);
        Assert.Equal(Stored, all.Select(s => s.Id).Distinct().Count());

        var page = await client.GetSignalPageAsync(new SignalQuery(Company: Company), new PageRequest(10));
        Assert.Equal((10, Stored), (page.Signals.Count, page.Total));
        var second = await client.GetSignalPageAsync(new SignalQuery(Company: Company), new PageRequest(10, page.Next));
        Assert.Equal(all.Skip(10).Take(10).Select(s => s.Id), second.Signals.Select(s => s.Id));
    }

    [Theory]
    [InlineData("limit=0", "limit must be")]
    [InlineData("limit=1001", "limit must be")]
    [InlineData("limit=-5", "limit must be")]
    [InlineData("limit=ten", "limit must be")]
    [InlineData("cursor=not-a-cursor!", "is not one this API gave out")]
    [InlineData("cursor=c2VlZA", "is not one this API gave out")]
    public async Task A_bad_limit_or_cursor_is_a_400_that_says_what_is_wrong(string query, string says)
    {
        var response = await _http.GetAsync($"signals?company={Company}&{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_cursor_passed_back_with_another_query_or_past_the_end_is_a_400()
    {
        var cursor = Uri.EscapeDataString((await PageAsync($"company={Company}&limit=5")).GetProperty("next").GetString()!);
        foreach (var other in new[] { "company=AMZN", $"company={Company}&kind=capex", $"company={Company}&asOf=2026-01-01", "" })
        {
            var response = await _http.GetAsync($"signals?{other}&cursor={cursor}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("another query", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        // A cursor of the right form whose position this list never reached.
        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"s1\ncompany/{Company}\n||\n999999"));
        var past = await _http.GetAsync($"signals?company={Company}&cursor={forged}");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("past the end", (await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
