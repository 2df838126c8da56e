import type { HostingKind } from '../model/kinds.ts'
import type { GuideConnection } from './types.ts'

/**
 * Secrets the platform reads for the app (not its code) use an identity of their own choosing:
 * App Service and Functions resolve Key Vault references in app settings with the system-assigned
 * identity unless the site's keyVaultReferenceIdentity names a user-assigned one (Learn "Use Key
 * Vault references as app settings"; SiteConfig.keyVaultReferenceIdentity); a Container Apps
 * secret that references Key Vault names its identity, a resource ID or "System"
 * (ContainerAppSecret.identity). Undefined where the platform reads no secrets for the app.
 */
export function keyVaultReferenceNote(
  hosting: HostingKind,
  appName: string,
  c: Pick<GuideConnection, 'serviceName' | 'credential' | 'clients'>,
): string | undefined {
  if (!c.clients.some((use) => use.sdk === 'keyVaultSecrets')) return undefined
  const system = c.credential.identity === 'system'
  switch (hosting) {
    case 'appService':
    case 'functionApp':
      return system
        ? undefined
        : `${c.serviceName}: Key Vault references in ${appName}'s app settings (@Microsoft.KeyVault(…)) resolve with the system-assigned identity unless the site's keyVaultReferenceIdentity is this identity's resource ID (az webapp update --set keyVaultReferenceIdentity=<its resource ID>).`
    case 'containerApp':
      return `${c.serviceName}: a secret of ${appName} that references Key Vault (keyVaultUrl) names the identity it is read with: ${system ? '"System"' : "this identity's resource ID"}.`
    default:
      return undefined
  }
}
