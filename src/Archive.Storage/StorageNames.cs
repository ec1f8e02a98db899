namespace Archive.Storage;

/// <summary>The names of every container, table and queue Archive uses, declared once.</summary>
/// <remarks>
/// The constants are what the Functions trigger attributes name. <see cref="ArchiveStorageOptions.NamePrefix"/> may put a
/// prefix in front of all of them (tests and shared development accounts); the Functions host needs it empty.
/// </remarks>
public static class StorageNames
{
    /// <summary>Container of original bytes, named by their SHA-256; write-once.</summary>
    public const string OriginalsContainer = "originals";

    /// <summary>Container of clean texts, named by their SHA-256; write-once.</summary>
    public const string TextsContainer = "texts";

    /// <summary>Container of version records, named by their SHA-256; write-once.</summary>
    public const string RecordsContainer = "records";

    /// <summary>Container of time anchors (<c>roots/</c>: tree and token, named by the root) and version proofs (<c>proofs/</c>); write-once.</summary>
    public const string AnchorsContainer = "anchors";

    /// <summary>Table of article heads, versions and checks, one partition per article.</summary>
    public const string ArticlesTable = "articles";

    /// <summary>Table holding the anchoring state (how far versions are anchored, the last attempt).</summary>
    public const string AnchorsTable = "anchors";

    /// <summary>Table indexing when articles are due for a re-check, one partition per time bucket.</summary>
    public const string DueTable = "due";

    /// <summary>Table of fixity audit results: per article, the latest result of each stored item; and a row per run.</summary>
    public const string FixityTable = "fixity";

    /// <summary>Table of recent activity across articles (submissions and checks), newest first.</summary>
    public const string ActivityTable = "activity";

    /// <summary>Queue of capture work.</summary>
    public const string CaptureQueue = "capture";

    /// <summary>The queue where the Functions host moves capture messages that keep failing.</summary>
    public const string CapturePoisonQueue = CaptureQueue + "-poison";
}

/// <summary>The names in effect, with the configured prefix applied.</summary>
public sealed class ResolvedStorageNames(string prefix)
{
    /// <summary>The prefix in front of every name.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>Container of original bytes.</summary>
    public string OriginalsContainer => Prefix + StorageNames.OriginalsContainer;

    /// <summary>Container of clean texts.</summary>
    public string TextsContainer => Prefix + StorageNames.TextsContainer;

    /// <summary>Container of version records.</summary>
    public string RecordsContainer => Prefix + StorageNames.RecordsContainer;

    /// <summary>Container of time anchors and version proofs.</summary>
    public string AnchorsContainer => Prefix + StorageNames.AnchorsContainer;

    /// <summary>Table of articles.</summary>
    public string ArticlesTable => Prefix + StorageNames.ArticlesTable;

    /// <summary>Table of the anchoring state.</summary>
    public string AnchorsTable => Prefix + StorageNames.AnchorsTable;

    /// <summary>Table of due re-checks.</summary>
    public string DueTable => Prefix + StorageNames.DueTable;

    /// <summary>Table of fixity audit results.</summary>
    public string FixityTable => Prefix + StorageNames.FixityTable;

    /// <summary>Table of recent activity.</summary>
    public string ActivityTable => Prefix + StorageNames.ActivityTable;

    /// <summary>Queue of capture work.</summary>
    public string CaptureQueue => Prefix + StorageNames.CaptureQueue;

    /// <summary>Poison queue of capture work.</summary>
    public string CapturePoisonQueue => Prefix + StorageNames.CapturePoisonQueue;

    /// <summary>Maps a name as written in a trigger attribute to the name in effect.</summary>
    public string Resolve(string name) => Prefix + name;

    /// <summary>All containers.</summary>
    public IEnumerable<string> Containers => [OriginalsContainer, TextsContainer, RecordsContainer, AnchorsContainer];

    /// <summary>All tables.</summary>
    public IEnumerable<string> Tables => [ArticlesTable, DueTable, FixityTable, ActivityTable, AnchorsTable];

    /// <summary>All queues.</summary>
    public IEnumerable<string> Queues => [CaptureQueue, CapturePoisonQueue];
}
