using System.Globalization;
using System.Text;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Dataset.Tests;

/// <summary>One row of expected-figures.csv: a company-level figure an independent reader found in a seed article.</summary>
public sealed record ExpectedFigure(int LineNumber, string Raw, string Seed, string Company, string Kind, string? Period, decimal Value, string Unit, string Quote)
{
    public override string ToString() => $"expected-figures.csv line {LineNumber}: {Raw}";
}

/// <summary>
/// Reads expected-figures.csv (header seed,company,kind,period,value,unit,quote_de). Fields may be quoted with double
/// quotes so a quote can hold a comma. A malformed row is an error, never a skipped row: a row that cannot be read
/// cannot be checked.
/// </summary>
public static class ExpectedFigures
{
    public const string FileName = "expected-figures.csv";
    public const string Header = "seed,company,kind,period,value,unit,quote_de";

    public static (IReadOnlyList<ExpectedFigure> Rows, IReadOnlyList<string> Errors) Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        if (!File.Exists(path))
            return ([], [$"{FileName} is not in the test output folder {AppContext.BaseDirectory} (it should be copied there by the build)."]);

        var lines = File.ReadAllLines(path, Encoding.UTF8);
        if (lines.Length == 0 || lines[0].Trim() != Header)
            return ([], [$"{FileName} must start with the header '{Header}'."]);

        var rows = new List<ExpectedFigure>();
        var errors = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            var raw = lines[i];
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var lineNumber = i + 1;
            var fields = Split(raw);
            if (fields.Count != 7)
            {
                errors.Add($"line {lineNumber}: expected 7 fields, found {fields.Count}: {raw}");
                continue;
            }
            if (!decimal.TryParse(fields[4], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add($"line {lineNumber}: value '{fields[4]}' is not a number: {raw}");
                continue;
            }
            if (fields.Take(3).Concat([fields[5]]).Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"line {lineNumber}: seed, company, kind and unit are required: {raw}");
                continue;
            }
            // A mistyped period ("FY 2025") would otherwise just never match; say what is wrong with it instead.
            if (!string.IsNullOrWhiteSpace(fields[3]) && !Period.TryParse(fields[3], out _, out var periodError))
            {
                errors.Add($"line {lineNumber}: {periodError}: {raw}");
                continue;
            }
            rows.Add(new ExpectedFigure(lineNumber, raw, fields[0], fields[1], fields[2],
                string.IsNullOrWhiteSpace(fields[3]) ? null : fields[3], value, fields[5], fields[6]));
        }
        return (rows, errors);
    }

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString().Trim()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString().Trim());
        return fields;
    }
}
