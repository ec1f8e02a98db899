namespace Archive.Core.Verification;

/// <summary>One step of an offline check, as the command line prints it.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Detail">What was found, in words.</param>
public sealed record CheckStep(string Name, bool Passed, string Detail);
