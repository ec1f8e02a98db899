using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests;

/// <summary>A test over the app's services on the shared Azurite (names unique to the test) and a page server serving the seeds.</summary>
public abstract class ScopeAndPagesTest : IAsyncLifetime
{
    protected StorageScope Scope { get; private set; } = null!;

    protected PageServer Pages { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Scope = await StorageScope.CreateAsync();
        Pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
    }

    public async Task DisposeAsync()
    {
        await Pages.DisposeAsync();
        await Scope.DisposeAsync();
    }

    /// <summary>Constructs a function class (or any class) from the app's services, as the worker does.</summary>
    protected T Create<T>() => ActivatorUtilities.CreateInstance<T>(Scope.Services);
}
