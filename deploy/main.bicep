// IRM Doctor on Azure: one resource group holds everything the bot needs in production.
//
//   user-assigned managed identity ─── is the bot's app id (MicrosoftAppType=UserAssignedMSI, no secret)
//     ├─ attached to the web app (Linux App Service, Node 24 LTS, N instances)
//     ├─ Storage Blob Data Contributor on the storage account (state shared by every instance)
//     └─ msaAppId of the Azure Bot, whose Teams channel sends to https://<web app>/api/messages
//   Log Analytics workspace ─── workspace-based Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING)
//
// Deploy: see deploy/README.md (az deployment group create -f deploy/main.bicep -p @deploy/main.parameters.json).
// This file is checked here only by test/bot/deploy.test.ts (text checks); `az bicep build -f deploy/main.bicep`
// is the real compile and `az deployment group what-if` the real dry run.

targetScope = 'resourceGroup'

@description('Short lowercase name (letters, digits, hyphens) that starts every resource name, e.g. irmdoc.')
@minLength(2)
@maxLength(11)
param namePrefix string

@description('Azure region of everything but the bot registration (which is global). Default: the resource group\'s.')
param location string = resourceGroup().location

@description('Web app instances (App Service plan capacity). More than 1 is fine: state lives in Azure Blob storage. B1-B3 allow up to 3, S1-S3 up to 10, P*v3 up to 30.')
@minValue(1)
@maxValue(30)
param instanceCount int = 1

@description('App Service plan size (Linux). Free and shared plans are not offered: they have no Always On, which proactive reminders need.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
  'P3v3'
])
param appServiceSku string = 'B1'

@description('Azure Bot pricing tier. F0 is free and enough for Teams (a standard channel); S1 for premium channels.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('Name shown for the bot registration (the name people see in Teams comes from the app package).')
@maxLength(42)
param botDisplayName string = 'IRM Doctor'

@description('Microsoft Entra tenant of the bot: the tenant of this subscription, where the managed identity lives.')
param tenantId string = tenant().tenantId

@description('Optional: the Teams channel id escalations go to (HELPDESK_CHANNEL_ID). Empty: chosen in Teams with "@IRM Doctor helpdesk here".')
param helpdeskChannelId string = ''

@description('Optional: the team id of that channel (HELPDESK_TEAM_ID).')
param helpdeskTeamId string = ''

@secure()
@description('Salt for the hashed user and tenant ids in telemetry (TELEMETRY_SALT): a long random string, kept the same across deployments so hashes stay comparable. Empty: the bot uses its built-in salt and warns.')
param telemetrySalt string = ''

@description('Command App Service runs in the app folder. `npm start` compiles, then starts the bot.')
param startupCommand string = 'npm start'

@description('Tags for every resource.')
param tags object = {
  app: 'irm-doctor'
}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var storageAccountName = take('${replace(toLower(namePrefix), '-', '')}st${suffix}', 24)
var containerName = 'irm-doctor'
// Built-in role "Storage Blob Data Contributor".
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-id-${suffix}'
  location: location
  tags: tags
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-ai-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    IngestionMode: 'LogAnalytics'
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Only Microsoft Entra identities (the bot's managed identity) reach the data: no account keys.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: instanceCount
  }
  properties: {
    reserved: true // Linux
  }
}

var helpdeskChannelSetting = empty(helpdeskChannelId) ? [] : [
  {
    name: 'HELPDESK_CHANNEL_ID'
    value: helpdeskChannelId
  }
]
var helpdeskTeamSetting = empty(helpdeskTeamId) ? [] : [
  {
    name: 'HELPDESK_TEAM_ID'
    value: helpdeskTeamId
  }
]
var telemetrySaltSetting = empty(telemetrySalt) ? [] : [
  {
    name: 'TELEMETRY_SALT'
    value: telemetrySalt
  }
]
var optionalSettings = concat(helpdeskChannelSetting, helpdeskTeamSetting, telemetrySaltSetting)

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: '${namePrefix}-app-${suffix}'
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance can answer any turn (state is in Blob storage): no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      // Node 24 LTS (supported to April 2028). App Service on Linux also offers NODE|22-lts (to April
      // 2027); Node 20 reached its end of life in April 2026 and is no longer offered for new apps.
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true // the reminder scheduler runs inside the app: it must not be unloaded when idle
      appCommandLine: startupCommand
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat([
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: tenantId
        }
        {
          name: 'STORAGE'
          value: 'azure-blob'
        }
        {
          name: 'AZURE_STORAGE_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.blob
        }
        {
          name: 'AZURE_STORAGE_CONTAINER'
          value: containerName
        }
        {
          // DefaultAzureCredential (blob storage) picks the user-assigned identity by this client id.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          // Deploy the source and let App Service (Oryx) run `npm install` and the build on Linux:
          // better-sqlite3 is a native module, so node_modules from a Windows or macOS machine
          // would not load here; and `npm start` compiles, which a read-only
          // WEBSITE_RUN_FROM_PACKAGE folder would not allow.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'ENABLE_ORYX_BUILD'
          value: 'true'
        }
      ], optionalSettings)
    }
  }
  dependsOn: [
    container
    blobRole
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The Teams channel sends every message here.')
output botEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'

@description('The bot\'s app id: the managed identity\'s client id. Package the Teams app with MicrosoftAppId=<this>.')
output appId string = identity.properties.clientId

@description('For az webapp deploy --name.')
output webAppName string = webApp.name

@description('For BOT_DOMAIN when packaging the Teams app.')
output webAppHostName string = webApp.properties.defaultHostName

output botName string = bot.name
output storageAccountName string = storage.name
output tenantId string = tenantId
