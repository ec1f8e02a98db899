namespace Archive.Core.Export;

/// <summary>One WARC record to write: its named fields and its block (a head of bytes, then an optional payload stream).</summary>
public sealed record WarcRecord
{
    /// <summary>The <c>WARC-Type</c>: <c>warcinfo</c>, <c>request</c>, <c>response</c>, <c>revisit</c>, <c>conversion</c>, <c>metadata</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The <c>WARC-Record-ID</c>, in angle brackets (<c>&lt;urn:uuid:…&gt;</c>).</summary>
    public required string RecordId { get; init; }

    /// <summary>The <c>WARC-Date</c>: when the capture of the data began.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The <c>WARC-Target-URI</c>, when the record is about a resource.</summary>
    public string? TargetUri { get; init; }

    /// <summary>The <c>Content-Type</c> of the block.</summary>
    public string? ContentType { get; init; }

    /// <summary>Further named fields, written in order after the standard ones.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>The start of the block (for HTTP records, the status or request line and headers), or the whole block.</summary>
    public ReadOnlyMemory<byte> Head { get; init; }

    /// <summary>The rest of the block, read once; the writer does not dispose it. For HTTP records, the entity body.</summary>
    public Stream? Payload { get; init; }

    /// <summary>True to write <c>WARC-Payload-Digest</c> over <see cref="Payload"/> (HTTP responses and requests).</summary>
    public bool DigestPayload { get; init; }
}

/// <summary>Where a record landed in the file, and its digests.</summary>
/// <param name="RecordId">The record's id.</param>
/// <param name="Type">The record's type.</param>
/// <param name="Offset">Offset of its gzip member in the file.</param>
/// <param name="Length">Length of its gzip member.</param>
/// <param name="BlockDigest">The <c>WARC-Block-Digest</c> written.</param>
/// <param name="PayloadDigest">The <c>WARC-Payload-Digest</c> written, if any.</param>
public sealed record WarcRecordPosition(string RecordId, string Type, long Offset, long Length, string BlockDigest, string? PayloadDigest);
