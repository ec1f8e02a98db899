using System.ComponentModel.DataAnnotations;
using Archive.Core.Export;

namespace Archive.Storage.Signing;

/// <summary>
/// Where the ECDSA key that signs WACZ packages comes from. Bound from the <c>Signing</c> configuration section. With
/// nothing set, packages are not signed. Locally: <see cref="KeyPemFile"/>. In Azure: <see cref="KeyVaultUri"/> and
/// <see cref="KeySecretName"/>, read with the app's managed identity.
/// </summary>
public sealed class SigningOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Signing";

    /// <summary>A PEM file holding the ECDSA (P-256) private key. Default: none.</summary>
    public string? KeyPemFile { get; set; }

    /// <summary>The Key Vault holding the key as a secret (its PEM text), e.g. <c>https://NAME.vault.azure.net/</c>. Default: none.</summary>
    public Uri? KeyVaultUri { get; set; }

    /// <summary>
    /// The name of the Key Vault secret holding the PEM text; the vault is read only when this is set (a vault named
    /// without a secret, as infra/ deploys it before the key is stored, leaves packages unsigned). Default: none.
    /// </summary>
    public string? KeySecretName { get; set; }

    /// <summary>The client id of a user-assigned managed identity to read the vault with. Default: the system-assigned identity.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>True when a PEM file is configured.</summary>
    public bool UsesFile => !string.IsNullOrWhiteSpace(KeyPemFile);

    /// <summary>True when a Key Vault secret is configured.</summary>
    public bool UsesKeyVault => !string.IsNullOrWhiteSpace(KeySecretName);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesFile && UsesKeyVault)
        {
            yield return new ValidationResult("Give Signing:KeyPemFile or Signing:KeySecretName (with Signing:KeyVaultUri), not both.", [nameof(KeyPemFile)]);
            yield break;
        }

        if (UsesKeyVault && (KeyVaultUri is not { IsAbsoluteUri: true } uri || uri.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult("Signing:KeySecretName is set, so Signing:KeyVaultUri must be the vault's https address.", [nameof(KeyVaultUri)]);
        }

        if (UsesFile)
        {
            string? problem = null;
            if (!File.Exists(KeyPemFile))
            {
                problem = $"Signing:KeyPemFile '{KeyPemFile}' does not exist.";
            }
            else
            {
                try
                {
                    using var key = WaczSigner.KeyFromPem(File.ReadAllText(KeyPemFile!));
                }
                catch (ArgumentException ex)
                {
                    problem = $"Signing:KeyPemFile '{KeyPemFile}': {ex.Message}";
                }
            }

            if (problem is not null)
            {
                yield return new ValidationResult(problem, [nameof(KeyPemFile)]);
            }
        }
    }
}
