using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AgentWatch.Abstractions.Values;

/// <summary>
/// An amount of money: a decimal with its ISO currency code. Never a double. Amounts in different currencies are never
/// added or compared; that is an error, not a silent conversion.
/// </summary>
[JsonConverter(typeof(MoneyJsonConverter))]
[GenerateSerializer, Immutable, Alias("agentwatch.money")]
public readonly record struct Money(decimal Amount, string Currency) : IComparable<Money>
{
    public static Money Usd(decimal amount) => new(amount, "USD");

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, SameCurrency(a, b));
    public static Money operator -(Money a) => new(-a.Amount, a.Currency);
    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);
    public static Money operator /(Money a, decimal divisor) => new(a.Amount / divisor, a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        SameCurrency(this, other);
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>The ratio of two amounts in the same currency.</summary>
    public decimal Ratio(Money denominator)
    {
        SameCurrency(this, denominator);
        return denominator.Amount == 0 ? throw new DivideByZeroException("Ratio to a zero amount.") : Amount / denominator.Amount;
    }

    private static string SameCurrency(Money a, Money b) =>
        string.Equals(a.Currency, b.Currency, StringComparison.Ordinal)
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a} and {b}: different currencies.");

    private static readonly (decimal Factor, string Suffix)[] Scales = [(1_000_000_000_000m, "tn"), (1_000_000_000m, "bn"), (1_000_000m, "m"), (1_000m, "k")];

    /// <summary>
    /// Parses "USD 200bn", "USD 13.16bn", "EUR 12bn", "CNY 150bn", "USD 912m", "USD 1.95", "USD 1,250,000". Scale suffixes:
    /// k, m, bn, tn (also "million", "billion", "trillion").
    /// </summary>
    public static Money Parse(string text)
    {
        if (!TryParse(text, out var money, out var error)) throw new FormatException(error);
        return money;
    }

    public static bool TryParse(string? text, out Money money, out string error)
    {
        money = default;
        error = "";
        var parts = (text ?? "").Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || parts[0].Length != 3 || !parts[0].All(char.IsAsciiLetterUpper))
        {
            error = $"'{text}' is not money: expected a currency code and an amount, like \"USD 200bn\" or \"EUR 12.5m\".";
            return false;
        }
        var number = parts[1].Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        var factor = 1m;
        foreach (var (f, suffix) in new[] { (1_000_000_000_000m, "trillion"), (1_000_000_000m, "billion"), (1_000_000m, "million"), (1_000_000_000_000m, "tn"), (1_000_000_000m, "bn"), (1_000_000m, "m"), (1_000m, "k") })
        {
            if (number.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                factor = f;
                number = number[..^suffix.Length];
                break;
            }
        }
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            error = $"'{text}' is not money: '{parts[1]}' is not a number.";
            return false;
        }
        money = new Money(amount * factor, parts[0]);
        return true;
    }

    /// <summary>Compact, exact, parseable: "USD 13.16bn".</summary>
    public override string ToString()
    {
        var abs = Math.Abs(Amount);
        foreach (var (factor, suffix) in Scales)
        {
            if (abs >= factor)
                return $"{Currency} {(Amount / factor).ToString("0.############", CultureInfo.InvariantCulture)}{suffix}";
        }
        return $"{Currency} {Amount.ToString("0.############", CultureInfo.InvariantCulture)}";
    }

    /// <summary>For reading: "$13.16 billion", "€12 billion", "CNY 150 billion".</summary>
    public string ToHuman()
    {
        var symbol = Currency switch { "USD" => "$", "EUR" => "€", "GBP" => "£", _ => Currency + " " };
        var abs = Math.Abs(Amount);
        var sign = Amount < 0 ? "−" : "";
        foreach (var (factor, word) in new[] { (1_000_000_000_000m, "trillion"), (1_000_000_000m, "billion"), (1_000_000m, "million") })
        {
            if (abs >= factor) return $"{sign}{symbol}{(abs / factor).ToString("0.##", CultureInfo.InvariantCulture)} {word}";
        }
        return $"{sign}{symbol}{abs.ToString("#,0.##", CultureInfo.InvariantCulture)}";
    }
}

/// <summary>Reads money as {"amount": 200000000000, "currency": "USD"} or as "USD 200bn"; writes the object form.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return Money.TryParse(reader.GetString(), out var parsed, out var error) ? parsed : throw new JsonException(error);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Money must be a string like \"USD 200bn\" or an object with amount and currency.");
        decimal? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "amount", StringComparison.OrdinalIgnoreCase)) amount = reader.GetDecimal();
            else if (string.Equals(name, "currency", StringComparison.OrdinalIgnoreCase)) currency = reader.GetString();
            else reader.Skip();
        }
        if (amount is null || string.IsNullOrWhiteSpace(currency) || currency.Length != 3)
            throw new JsonException("Money needs an amount and a three-letter currency.");
        return new Money(amount.Value, currency.ToUpperInvariant());
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency);
        writer.WriteEndObject();
    }
}
