using System.Security.Cryptography;
using Archive.Core.Export;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Signing;

/// <summary>The signing key from a PEM file, read once.</summary>
public sealed class PemFileSigningKey(IOptions<SigningOptions> options) : IWaczSigningKey, IDisposable
{
    private readonly Lazy<ECDsa> _key = new(() => WaczSigner.KeyFromPem(File.ReadAllText(options.Value.KeyPemFile!)));

    /// <inheritdoc />
    public ValueTask<ECDsa> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_key.Value);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Dispose();
        }
    }
}

/// <summary>
/// The signing key from a Key Vault secret holding its PEM text, read once with the app's managed identity (never a
/// credential chain that would probe for developer credentials).
/// </summary>
public sealed class KeyVaultSigningKey(IOptions<SigningOptions> options) : IWaczSigningKey, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ECDsa? _key;

    /// <inheritdoc />
    public async ValueTask<ECDsa> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_key is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_key is null)
            {
                var o = options.Value;
                var credential = string.IsNullOrWhiteSpace(o.ManagedIdentityClientId)
                    ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
                    : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ManagedIdentityClientId));
                var secret = await new SecretClient(o.KeyVaultUri, credential).GetSecretAsync(o.KeySecretName, cancellationToken: cancellationToken).ConfigureAwait(false);
                _key = WaczSigner.KeyFromPem(secret.Value.Value);
            }

            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        _gate.Dispose();
    }
}
