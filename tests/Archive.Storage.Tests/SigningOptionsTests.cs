using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Archive.Core.Export;
using Archive.Storage.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Storage.Tests;

public sealed class SigningOptionsTests
{
    private static List<string> Problems(SigningOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage!)];
    }

    [Fact]
    public void Nothing_configured_is_valid_and_registers_no_signer()
    {
        Assert.Empty(Problems(new SigningOptions()));
        var services = new ServiceCollection().AddArchiveSigning(new ConfigurationBuilder().Build());
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(WaczSigner));
    }

    [Fact]
    public void A_key_file_must_exist_and_hold_an_ecdsa_private_key()
    {
        var folder = Directory.CreateTempSubdirectory("archive-signing-").FullName;
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var good = Path.Combine(folder, "key.pem");
            File.WriteAllText(good, key.ExportECPrivateKeyPem());
            var bad = Path.Combine(folder, "public.pem");
            File.WriteAllText(bad, key.ExportSubjectPublicKeyInfoPem());

            Assert.Empty(Problems(new SigningOptions { KeyPemFile = good }));
            Assert.Contains("does not exist", Assert.Single(Problems(new SigningOptions { KeyPemFile = Path.Combine(folder, "none.pem") })), StringComparison.Ordinal);
            Assert.Contains("no ECDSA private key", Assert.Single(Problems(new SigningOptions { KeyPemFile = bad })), StringComparison.Ordinal);

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Signing:KeyPemFile"] = good }).Build();
            using var provider = new ServiceCollection().AddArchiveSigning(configuration).BuildServiceProvider();
            Assert.IsType<PemFileSigningKey>(provider.GetRequiredService<IWaczSigningKey>());
            Assert.NotNull(provider.GetRequiredService<WaczSigner>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_key_vault_secret_needs_the_vault_s_https_address_and_excludes_a_key_file()
    {
        Assert.Empty(Problems(new SigningOptions { KeyVaultUri = new Uri("https://archive-kv.vault.azure.net/"), KeySecretName = "wacz-signing-key" }));
        Assert.Contains("KeyVaultUri", Assert.Single(Problems(new SigningOptions { KeySecretName = "wacz-signing-key" })), StringComparison.Ordinal);

        // The vault alone (as infra/ deploys it before the key is stored) signs nothing.
        var vaultOnly = new SigningOptions { KeyVaultUri = new Uri("https://archive-kv.vault.azure.net/"), KeySecretName = "" };
        Assert.Empty(Problems(vaultOnly));
        Assert.False(vaultOnly.UsesKeyVault);
        Assert.Contains("https", Assert.Single(Problems(new SigningOptions { KeyVaultUri = new Uri("http://archive-kv.vault.azure.net/"), KeySecretName = "k" })), StringComparison.Ordinal);
        Assert.Contains("not both", Assert.Single(Problems(new SigningOptions { KeyPemFile = "key.pem", KeySecretName = "k" })), StringComparison.Ordinal);

        // Registered, but the vault is only read when a package is signed: nothing reaches out at start.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Signing:KeyVaultUri"] = "https://archive-kv.vault.azure.net/",
            ["Signing:KeySecretName"] = "wacz-signing-key",
        }).Build();
        using var provider = new ServiceCollection().AddArchiveSigning(configuration).BuildServiceProvider();
        Assert.IsType<KeyVaultSigningKey>(provider.GetRequiredService<IWaczSigningKey>());
        Assert.Equal("wacz-signing-key", provider.GetRequiredService<IOptions<SigningOptions>>().Value.KeySecretName);
    }
}
