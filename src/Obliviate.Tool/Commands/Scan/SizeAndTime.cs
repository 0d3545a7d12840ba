using System.Globalization;
using System.Text.RegularExpressions;

namespace Obliviate.Tool.Commands.Scan;

/// <summary>Parses the human-friendly values of <c>--max-file-size</c> and <c>--timeout</c>.</summary>
internal static partial class SizeAndTime
{
    /// <summary>"123", "500MB", "1.5GiB", "64G" (K/M/G/T, with or without "B"/"iB", are powers of 1024). Null when malformed.</summary>
    public static long? ParseSize(string text)
    {
        var m = SizePattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        var shift = char.ToUpperInvariant(m.Groups[2].Value.FirstOrDefault()) switch
        {
            'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0,
        };
        var bytes = n * Math.Pow(2, shift);
        return bytes is >= 1 and < long.MaxValue / 2 ? (long)bytes : null;
    }

    /// <summary>"90" or "90s", "10m", "2h". Null when malformed or not positive.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }
        var seconds = m.Groups[2].Value.ToLowerInvariant() switch { "m" => n * 60, "h" => n * 3600, _ => n };
        return seconds is > 0 and <= 7 * 24 * 3600 ? TimeSpan.FromSeconds(seconds) : null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([KMGTkmgt]?)(?:i?[Bb])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([smhSMH]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
