// Archive on Azure: a Function App on the Flex Consumption plan (.NET 10 isolated worker) over one storage account
// (blobs, queues, tables), reached only through a user-assigned managed identity, with Application Insights.
// Names of containers, tables and queues match src/Archive.Storage/StorageNames.cs.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names (letters and digits).')
@minLength(3)
@maxLength(12)
param appName string = 'archive'

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('User agent sent when fetching articles (app setting Fetch__UserAgent).')
param fetchUserAgent string = 'ArchiveBot/1.0 (+https://github.com/archive-news/archive; news article archiver)'

@description('NCRONTAB schedule (with seconds) of the re-check timer (app setting RECHECK_SCHEDULE).')
param recheckSchedule string = '0 */5 * * * *'

@description('NCRONTAB schedule (with seconds) of the fixity audit timer (app setting AUDIT_SCHEDULE).')
param auditSchedule string = '0 30 3 * * *'

@description('NCRONTAB schedule (with seconds) of the anchor timer (app setting ANCHOR_SCHEDULE).')
param anchorSchedule string = '0 */10 * * * *'

@description('NCRONTAB schedule (with seconds) of the anchoring catch-up timer, which anchors the versions the activity index missed (app setting ANCHOR_SWEEP_SCHEDULE).')
param anchorSweepSchedule string = '0 45 3 * * *'

@description('RFC 3161 timestamp authority that anchors versions in time (app setting Provenance__TimestampAuthorityUrl); empty: versions are not anchored.')
param timestampAuthorityUrl string = ''

@description('Days each version of an original stays immutable (write-once). The policy is left unlocked so an operator can review it before locking it for good.')
@minValue(1)
@maxValue(146000)
param originalsRetentionDays int = 3650

@description('Most instances the Flex Consumption plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Tags put on every resource.')
param tags object = {}

@description('Name of the Key Vault secret holding the PEM text of the ECDSA key that signs WACZ packages; empty: packages are not signed. Store the secret (infra/modules/keyvault.bicep says how) before deploying with a name.')
param waczSigningSecretName string = ''

var suffix = uniqueString(subscription().id, resourceGroup().id, appName)
var storageAccountName = take(toLower('st${appName}${suffix}'), 24)
var functionAppName = 'func-${appName}-${suffix}'
var deploymentContainerName = 'deployments'

// Declared once here, as in StorageNames.cs.
var originalsContainerName = 'originals'
var dataContainerNames = ['texts', 'records', 'anchors']
var tableNames = ['articles', 'due', 'fixity', 'activity', 'anchors']
var queueNames = ['capture', 'capture-poison']

// Built-in role definitions the app's identity needs on the storage account.
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-${appName}-${suffix}'
  location: location
  tags: tags
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    // Identity only: no account keys, no SAS, no connection strings.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    // Version-level immutability needs the account to support it from creation.
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Version-level immutability keeps every version of a blob; versioning must be on.
    isVersioningEnabled: true
  }
}

// Originals are evidence: write-once at the version level. The app also uploads them with If-None-Match: *.
resource originalsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: originalsContainerName
  properties: {
    publicAccess: 'None'
    immutableStorageWithVersioning: {
      enabled: true
    }
  }
}

resource originalsPolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: originalsContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: originalsRetentionDays
    allowProtectedAppendWrites: false
  }
}

resource dataContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in dataContainerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in [roles.storageBlobDataOwner, roles.storageQueueDataContributor, roles.storageTableDataContributor]: {
    name: guid(storage.id, identity.id, roleId)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${appName}-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${appName}-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry is accepted only from Entra-authenticated senders (the app's identity).
    DisableLocalAuth: true
  }
}

resource insightsRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// WACZ signing: the vault exists either way, so the key can be stored before the app is told to use it.
module signingVault 'modules/keyvault.bicep' = {
  name: 'signing-vault'
  params: {
    name: take('kv${appName}${suffix}', 24)
    location: location
    readerIdentityId: identity.id
    readerPrincipalId: identity.properties.principalId
    tags: tags
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${appName}-${suffix}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // The Functions host (triggers, leases): identity-based, no connection string.
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        // The app's own storage clients (ArchiveStorageOptions): the same endpoints and identity.
        { name: 'Storage__BlobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'Storage__QueueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'Storage__TableServiceUri', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__ManagedIdentityClientId', value: identity.properties.clientId }
        // Containers, tables and queues are created here, not by the app at start.
        { name: 'Storage__CreateIfMissing', value: 'false' }
        { name: 'Fetch__UserAgent', value: fetchUserAgent }
        { name: 'RECHECK_SCHEDULE', value: recheckSchedule }
        { name: 'AUDIT_SCHEDULE', value: auditSchedule }
        { name: 'ANCHOR_SCHEDULE', value: anchorSchedule }
        { name: 'ANCHOR_SWEEP_SCHEDULE', value: anchorSweepSchedule }
        { name: 'Provenance__TimestampAuthorityUrl', value: timestampAuthorityUrl }
        // The pages for people live at the site's root, where the host would otherwise show its own home page.
        { name: 'AzureWebJobsDisableHomepage', value: 'true' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        // WACZ signing key (SigningOptions): read from the vault when the secret name is not empty.
        { name: 'Signing__KeyVaultUri', value: signingVault.outputs.vaultUri }
        { name: 'Signing__KeySecretName', value: waczSigningSecretName }
        { name: 'Signing__ManagedIdentityClientId', value: identity.properties.clientId }
      ]
    }
  }
  dependsOn: [
    storageRoles
    insightsRole
    deploymentContainer
  ]
}

@description('Name of the Key Vault for the WACZ signing key.')
output signingVaultName string = signingVault.outputs.name

@description('Name of the Function App.')
output functionAppName string = functionApp.name

@description('Base URL of the API.')
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'

@description('Name of the storage account.')
output storageAccountName string = storage.name

@description('Client id of the managed identity the app runs as.')
output identityClientId string = identity.properties.clientId

@description('Name of the Application Insights component.')
output applicationInsightsName string = insights.name
