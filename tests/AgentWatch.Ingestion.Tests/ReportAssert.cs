using AgentWatch.Abstractions.Api;
using AgentWatch.Ingestion;

namespace AgentWatch.Ingestion.Tests;

/// <summary>Checks on ingestion reports that print the whole report when they fail, so a failure explains itself.</summary>
public static class ReportAssert
{
    public static void Counts(FileIngestReport report, int @new, int rejected, int errors, int conflicts = 0, int duplicates = 0)
    {
        var r = report.Report;
        var actual = (r.New, r.Rejected, r.Errors, r.Conflicts, r.Duplicates);
        Assert.True(actual == (@new, rejected, errors, conflicts, duplicates),
            $"Expected new {@new}, rejected {rejected}, errors {errors}, conflicts {conflicts}, duplicates {duplicates}; got {Describe(report)}");
    }

    /// <summary>
    /// The one issue of <paramref name="severity"/> whose place is <paramref name="fileName"/> followed by
    /// <paramref name="place"/> (":3", "[1]", or "" for the file itself), with every reason fragment in its message.
    /// </summary>
    public static IngestIssue Issue(FileIngestReport report, IssueSeverity severity, string fileName, string place, params string[] reasons)
    {
        var expected = fileName + place;
        var matches = report.Report.Issues
            .Where(i => i.Severity == severity && (i.Where == expected || i.Where.EndsWith(Path.DirectorySeparatorChar + expected, StringComparison.Ordinal)))
            .ToList();
        Assert.True(matches.Count == 1, $"Expected one {severity} at '{expected}'; got {Describe(report)}");
        var issue = matches[0];
        foreach (var reason in reasons)
            Assert.True(issue.Message.Contains(reason, StringComparison.OrdinalIgnoreCase), $"The message at {issue.Where} should mention '{reason}': {issue.Message}");
        return issue;
    }

    public static string Describe(FileIngestReport report)
    {
        var r = report.Report;
        return $"files {report.Files}, skipped {report.Skipped}, received {r.Received}, new {r.New}, duplicates {r.Duplicates}, " +
               $"conflicts {r.Conflicts}, rejected {r.Rejected}, errors {r.Errors}, alerts {r.AlertIds.Count}; issues:" +
               (r.Issues.Count == 0 ? " none" : string.Concat(r.Issues.Select(i => $"\n  {i.Severity} {i.Where}: {i.Message}")));
    }
}
