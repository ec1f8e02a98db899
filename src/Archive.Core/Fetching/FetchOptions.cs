using System.ComponentModel.DataAnnotations;

namespace Archive.Core.Fetching;

/// <summary>How pages are fetched. Bound from the <c>Fetch</c> configuration section.</summary>
public sealed class FetchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Fetch";

    /// <summary>The User-Agent sent with every request. Default: <c>ArchiveBot/1.0 (+https://github.com/archive-news/archive; news article archiver)</c>.</summary>
    [Required]
    public string UserAgent { get; set; } = "ArchiveBot/1.0 (+https://github.com/archive-news/archive; news article archiver)";

    /// <summary>The longest a whole fetch may take, redirects and body included. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest to wait for the response headers of one request. Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many redirects are followed. Default: 10.</summary>
    [Range(0, 30)]
    public int MaxRedirects { get; set; } = 10;

    /// <summary>The largest response body kept, counted after decompression. Default: 16 MiB.</summary>
    [Range(1024, 512L * 1024 * 1024)]
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>The largest block of response headers accepted, in KiB. Default: 64.</summary>
    [Range(1, 1024)]
    public int MaxResponseHeadersKilobytes { get; set; } = 64;

    /// <summary>The longest URL fetched, in characters, for the requested URL and each redirect target. Default: 2048.</summary>
    [Range(64, 65536)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>How many fetches may talk to one host at once; more wait their turn (within <see cref="TotalTimeout"/>). Default: 2.</summary>
    [Range(1, 64)]
    public int MaxConcurrentPerHost { get; set; } = 2;

    /// <summary>
    /// Networks (CIDR, such as <c>127.0.0.0/8</c>) that may be fetched from although they are private, loopback,
    /// link-local or otherwise refused. Default: none. Meant for tests and the local runner; production allows none.
    /// IPv4-mapped IPv6 addresses (<c>::ffff:a.b.c.d</c>) are refused even when the IPv4 network is listed.
    /// </summary>
    public IList<string> AllowedNetworks { get; } = [];

    /// <summary>
    /// Host names whose addresses are not checked (their DNS answers are trusted as they are), such as an internal
    /// mirror. Matched exactly, without case. Default: none.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];
}
