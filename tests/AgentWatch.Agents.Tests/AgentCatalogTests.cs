using AgentWatch.Agents.Definitions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Tests;

/// <summary>Agent files: the built-in four, a user's folder that adds and replaces, clear errors, and edits picked up.</summary>
public sealed class AgentCatalogTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "agentwatch-catalog-tests", Guid.NewGuid().ToString("N"));

    public AgentCatalogTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }

    private AgentCatalog Catalog() => new(Options.Create(new AgentsOptions { Directory = _folder }), NullLogger<AgentCatalog>.Instance);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Random.Shared.Next(1, 1000)));
        return path;
    }

    [Fact]
    public void The_built_in_agents_are_the_analyst_extractor_narrator_newsdesk_sentinel_and_skeptic_with_read_only_tools()
    {
        var agents = Catalog().All;
        Assert.Equal(["analyst", "extractor", "narrator", "newsdesk", "sentinel", "skeptic"], agents.Select(a => a.Name));
        // The extractor reads only the sentences it is given, the newsdesk only the item.
        Assert.Empty(agents.Single(a => a.Name == "extractor").Tools);
        Assert.Empty(agents.Single(a => a.Name == "newsdesk").Tools);
        Assert.All(agents, a => Assert.All(a.Tools, t => Assert.Contains(t, Tools.AgentTools.Names)));
        Assert.Equal("two-sentences", agents.Single(a => a.Name == "sentinel").Output);
        Assert.Empty(Catalog().Errors);
    }

    [Fact]
    public void A_users_file_adds_an_agent_and_replaces_a_built_in_one_by_name()
    {
        Write("analyst.md", "---\nname: analyst\nrole: Mine.\ntools: [signals]\n---\nBe terse.\n");
        Write("bear.md", "---\nname: bear\nrole: Finds reasons to sell.\ntools: [positions_on, financing_graph]\noutput: text\nmax_steps: 3\ntemperature: 0.5\n---\nLook for trouble.\n");
        var catalog = Catalog();

        var analyst = catalog.Get("analyst");
        Assert.Equal("Mine.", analyst.Role);
        Assert.Equal(["signals"], analyst.Tools);
        var bear = catalog.Get("bear");
        Assert.Equal(["positions_on", "financing_graph"], bear.Tools);
        Assert.Equal(3, bear.MaxSteps);
        Assert.Equal(0.5f, bear.Temperature);
        Assert.Equal("Look for trouble.", bear.Instructions);
        Assert.Equal(7, catalog.All.Count);
    }

    [Theory]
    [InlineData("name: x\nrole: y\n---\nhi", 1, "starts with a front matter block")]
    [InlineData("---\nname: bad\nrole: y\ntools: [signals, rm_rf]\n---\nhi", 4, "unknown tool 'rm_rf'")]
    [InlineData("---\nname: bad\nrole: y\ncolour: blue\n---\nhi", 4, "unknown key 'colour'")]
    [InlineData("---\nname: bad\nrole: y\noutput: haiku\n---\nhi", 4, "output 'haiku' must be markdown, text or two-sentences")]
    [InlineData("---\nname: bad\nrole: y\nmax_steps: 500\n---\nhi", 4, "max_steps '500' must be a whole number from 1 to 50")]
    [InlineData("---\nname: bad\nrole: [unclosed\n---\nhi", 4, "not valid YAML: While parsing a flow sequence")]
    [InlineData("---\nname: bad\nrole: y\n---\n   \n", 5, "instructions")]
    [InlineData("---\nname: Bad Name\nrole: y\n---\nhi", 2, "lower-case letters")]
    [InlineData("---\nname: bad\nrole: y\n", 1, "not closed")]
    [InlineData("---\nname: bad\nrole: y\n---\nWrite {{ $x y z }} please", 5, "not a valid prompt template")]
    [InlineData("---\nname: bad\nrole: y\n---\nFirst {{companies.snapshot}}", 5, "the instructions call a function")]
    public void A_broken_file_names_its_line_and_reason_and_the_other_agents_still_work(string text, int line, string reason)
    {
        var path = Write("bad.md", text);
        var catalog = Catalog();

        var error = Assert.Single(catalog.Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"{path}, line {line}: ", error.Message);
        Assert.Equal(6, catalog.All.Count);
        Assert.Equal("analyst", catalog.Get("analyst").Name);
        Assert.Throws<AgentDefinitionException>(() => catalog.Get("bad"));
    }

    [Fact]
    public void An_edit_is_read_at_the_next_use_and_a_broken_edit_makes_only_that_agent_unavailable()
    {
        var catalog = Catalog();
        Write("analyst.md", "---\nname: analyst\nrole: First.\ntools: [signals]\n---\nOne.\n");
        Assert.Equal("First.", catalog.Get("analyst").Role);
        Write("analyst.md", "---\nname: analyst\nrole: Second.\ntools: [signals]\n---\nTwo.\n");
        Assert.Equal("Second.", catalog.Get("analyst").Role);

        Write("analyst.md", "---\nname: analyst\nrole: Third.\ntools: [nope]\n---\nThree.\n");
        var error = Assert.Throws<AgentDefinitionException>(() => catalog.Get("analyst"));
        Assert.Contains("unknown tool 'nope'", error.Message);
        Assert.Equal("skeptic", catalog.Get("skeptic").Name);

        File.Delete(Path.Combine(_folder, "analyst.md"));
        Assert.StartsWith("Answers questions", catalog.Get("analyst").Role);
    }

    [Fact]
    public void An_agent_that_does_not_exist_is_named_with_the_ones_that_do()
    {
        var error = Assert.Throws<AgentDefinitionException>(() => Catalog().Get("oracle"));
        Assert.Contains("there is no agent 'oracle'", error.Message);
        Assert.Contains("analyst, extractor, narrator, newsdesk, sentinel, skeptic", error.Message);
    }

    [Fact]
    public void A_file_larger_than_the_limit_or_not_utf8_is_refused()
    {
        Write("huge.md", "---\nname: huge\nrole: y\n---\n" + new string('x', AgentCatalog.MaxFileBytes + 1));
        File.WriteAllBytes(Path.Combine(_folder, "latin.md"), [.. "---\nname: latin\nrole: caf"u8, 0xE9, .. "\n---\nhi\n"u8]);
        var errors = Catalog().Errors;
        Assert.Contains(errors, e => e.File.EndsWith("huge.md", StringComparison.Ordinal) && e.Reason.Contains("larger than 256 KB", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.File.EndsWith("latin.md", StringComparison.Ordinal) && e.Reason == "not valid UTF-8");
    }
}
