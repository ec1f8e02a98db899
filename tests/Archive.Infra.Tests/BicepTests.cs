using System.Text.Json;
using Archive.Storage;

namespace Archive.Infra.Tests;

/// <summary>The Bicep in <c>infra/</c> compiles and lints without a single diagnostic, and deploys what the app expects.</summary>
public sealed class BicepTests
{
    private static string MainBicep => Path.Combine(BicepCli.InfraFolder, "main.bicep");

    [Fact]
    public async Task Main_bicep_builds_without_diagnostics()
    {
        var outDir = Directory.CreateTempSubdirectory("archive-bicep-");
        try
        {
            var (exitCode, output) = await BicepCli.RunAsync("build", MainBicep, "--outdir", outDir.FullName);
            Assert.True(exitCode == 0 && output.Length == 0, $"bicep build exited {exitCode}:\n{output}");
            Assert.True(File.Exists(Path.Combine(outDir.FullName, "main.json")));
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Main_bicep_lints_clean()
    {
        var (exitCode, output) = await BicepCli.RunAsync("lint", MainBicep);
        Assert.True(exitCode == 0 && output.Length == 0, $"bicep lint exited {exitCode}:\n{output}");
    }

    [Fact]
    public async Task The_lint_configuration_turns_bad_bicep_into_errors()
    {
        // The same bicepconfig.json beside a snippet that breaks two rules: lint must fail, or the clean lint above proves nothing.
        var dir = Directory.CreateTempSubdirectory("archive-bicep-bad-");
        try
        {
            File.Copy(Path.Combine(BicepCli.InfraFolder, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            var bad = Path.Combine(dir.FullName, "bad.bicep");
            await File.WriteAllTextAsync(bad, """
                param unused string
                resource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {
                  name: 'stbad'
                  location: 'westeurope'
                  kind: 'StorageV2'
                  sku: { name: 'Standard_LRS' }
                }
                """);
            var (exitCode, output) = await BicepCli.RunAsync("lint", bad);
            Assert.NotEqual(0, exitCode);
            Assert.Contains("Error no-unused-params", output, StringComparison.Ordinal);
            Assert.Contains("Error no-hardcoded-location", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_template_deploys_every_storage_name_and_the_settings_the_app_reads()
    {
        var outDir = Directory.CreateTempSubdirectory("archive-bicep-");
        try
        {
            var (exitCode, output) = await BicepCli.RunAsync("build", MainBicep, "--outdir", outDir.FullName);
            Assert.True(exitCode == 0, output);
            var template = await File.ReadAllTextAsync(Path.Combine(outDir.FullName, "main.json"));
            foreach (var name in new ResolvedStorageNames(string.Empty).Containers.Concat(new ResolvedStorageNames(string.Empty).Tables).Concat(new ResolvedStorageNames(string.Empty).Queues))
            {
                Assert.Contains($"\"{name}\"", template, StringComparison.Ordinal);
            }

            // Every setting of the local sample is set in Azure, in its identity-based form where it is a connection.
            using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BicepCli.RepositoryRoot, "src", "Archive.Functions", "local.settings.sample.json")));
            foreach (var setting in sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name))
            {
                // Flex Consumption sets the worker runtime in functionAppConfig.runtime and refuses it as an app setting.
                var expected = setting switch
                {
                    "AzureWebJobsStorage" => "AzureWebJobsStorage__blobServiceUri",
                    "FUNCTIONS_WORKER_RUNTIME" => "dotnet-isolated",
                    _ => setting,
                };
                Assert.Contains($"\"{expected}\"", template, StringComparison.Ordinal);
            }

            foreach (var setting in new[] { "Storage__BlobServiceUri", "Storage__QueueServiceUri", "Storage__TableServiceUri", "Storage__ManagedIdentityClientId", "AzureWebJobsStorage__credential" })
            {
                Assert.Contains($"\"{setting}\"", template, StringComparison.Ordinal);
            }

            // The parameters file names only parameters the template declares.
            using var compiled = JsonDocument.Parse(template);
            using var parameters = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BicepCli.InfraFolder, "main.parameters.json")));
            var declared = compiled.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.All(parameters.RootElement.GetProperty("parameters").EnumerateObject(), p => Assert.Contains(p.Name, declared));

            Assert.DoesNotContain("listKeys", template, StringComparison.Ordinal);
            Assert.DoesNotContain("AccountKey=", template, StringComparison.Ordinal);
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_signing_key_vault_is_rbac_only_purge_protected_and_readable_by_the_app_identity_alone()
    {
        var outDir = Directory.CreateTempSubdirectory("archive-bicep-");
        try
        {
            var (exitCode, output) = await BicepCli.RunAsync("build", MainBicep, "--outdir", outDir.FullName);
            Assert.True(exitCode == 0, output);
            var template = await File.ReadAllTextAsync(Path.Combine(outDir.FullName, "main.json"));
            Assert.Contains("\"Microsoft.KeyVault/vaults\"", template, StringComparison.Ordinal);
            Assert.Contains("\"enableRbacAuthorization\": true", template, StringComparison.Ordinal);
            Assert.Contains("\"enablePurgeProtection\": true", template, StringComparison.Ordinal);
            // Key Vault Secrets User: read secrets, nothing more.
            Assert.Contains("4633458b-17de-408a-b874-0445c86b69e6", template, StringComparison.Ordinal);
            Assert.DoesNotContain("accessPolicies", template, StringComparison.Ordinal);
            foreach (var setting in new[] { "Signing__KeyVaultUri", "Signing__KeySecretName", "Signing__ManagedIdentityClientId" })
            {
                Assert.Contains($"\"{setting}\"", template, StringComparison.Ordinal);
            }
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }
}
