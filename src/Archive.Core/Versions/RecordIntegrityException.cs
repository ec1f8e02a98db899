namespace Archive.Core.Versions;

/// <summary>Stored history does not match its hashes: a record is missing or was changed.</summary>
public sealed class RecordIntegrityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecordIntegrityException()
        : base("Stored history does not match its hashes.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public RecordIntegrityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RecordIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
