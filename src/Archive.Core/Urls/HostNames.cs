using System.Globalization;
using System.Text;

namespace Archive.Core.Urls;

/// <summary>
/// What makes a host name one a resolver can be asked about: every label 1 to 63 characters, the whole name at most
/// 253 (RFC 1035), and an internationalized name valid under IDNA (UTS #46, as <see cref="IdnMapping"/> applies it).
/// Submission, the capture worker and every redirect hop apply the same rule.
/// </summary>
public static class HostNames
{
    /// <summary>The longest label of a host name (RFC 1035).</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The longest host name without its trailing dot (RFC 1035).</summary>
    public const int MaxNameLength = 253;

    /// <summary>Why <paramref name="host"/> (a name, not an IP literal) cannot be a host name, or null when it can.</summary>
    public static string? Check(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.EndsWith('.') ? host[..^1] : host;
        if (name.Length == 0)
        {
            return "The URL has no host.";
        }

        var ascii = name;
        if (IsInternationalized(name))
        {
            try
            {
                // Without STD3 rules, as browsers: names such as my_site.example.com stay valid.
                ascii = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }.GetAscii(name);
            }
            catch (ArgumentException)
            {
                return $"The host '{Shorten(name)}' is not a valid internationalized domain name (IDNA).";
            }
        }

        if (ascii.Length > MaxNameLength)
        {
            return $"The host name is {ascii.Length} characters long in its ASCII form; at most {MaxNameLength} are allowed.";
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"The host '{Shorten(name)}' has an empty label (two dots in a row).";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"The host '{Shorten(name)}' has a label of {label.Length} characters in its ASCII form; at most {MaxLabelLength} are allowed.";
            }
        }

        return null;
    }

    private static bool IsInternationalized(string name) =>
        !Ascii.IsValid(name) || name.StartsWith("xn--", StringComparison.OrdinalIgnoreCase) || name.Contains(".xn--", StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}
