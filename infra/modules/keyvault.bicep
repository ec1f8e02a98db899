// The Key Vault holding the ECDSA key that signs WACZ packages, as a secret with the key's PEM text (the app reads it
// with its managed identity: Signing__KeyVaultUri, Signing__KeySecretName). The key itself is never in a template:
// create it and store it with
//   openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out wacz-signing.pem
//   az keyvault secret set --vault-name VAULT --name wacz-signing-key --file wacz-signing.pem
// and publish the public key (openssl ec -in wacz-signing.pem -pubout) for readers to check packages with.

@description('Name of the vault (3 to 24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Resource id of the managed identity that reads the signing key (the function app\'s).')
param readerIdentityId string

@description('Principal id of that identity.')
param readerPrincipalId string

@description('Tags for the vault.')
param tags object = {}

// Built-in role: read secret contents, nothing else.
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC only: no access policies to drift from the role assignments.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted signing key cannot be purged before its retention ends: packages signed with it stay checkable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerIdentityId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

@description('The vault\'s address, for Signing__KeyVaultUri.')
output vaultUri string = vault.properties.vaultUri

@description('Name of the vault.')
output name string = vault.name
