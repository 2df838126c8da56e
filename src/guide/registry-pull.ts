import type { HostingKind } from '../model/kinds.ts'
import type { GuideConnection } from './types.ts'

/**
 * What makes an app's images come from a registry with its identity, by hosting: AcrPull alone
 * pulls nothing, each platform is told which identity to pull with, and on some the identity must
 * hold AcrPull before the first pull. Sources: Learn "Configure a custom container" (App Service)
 * and Azure/app-service-linux-docs use_user-assigned_managed_identities.md; Learn "Azure Container
 * Apps image pull with managed identity"; Learn "Deploy to Azure Container Instances from Azure
 * Container Registry using a managed identity"; Learn "Authenticate with Azure Container Registry
 * from Azure Kubernetes Service" (the kubelet identity pulls).
 */
export function registryPullNote(
  hosting: HostingKind,
  appName: string,
  c: Pick<GuideConnection, 'serviceName' | 'resourceName' | 'endpoint' | 'credential'>,
): string {
  const system = c.credential.identity === 'system'
  // The login server: the registry's endpoint, in lower case as the registry reports it.
  const server = c.endpoint.toLowerCase()
  const codeNeedsNone = 'application code needs no registry client.'
  switch (hosting) {
    case 'appService':
    case 'functionApp':
      return `${c.serviceName}: ${appName} pulls its images with this identity once its site configuration says so: acrUseManagedIdentityCreds true${system ? '' : ", and acrUserManagedIdentityID the identity's client ID (without it the system-assigned identity is used)"}; ${codeNeedsNone}`
    case 'containerApp':
      return `${c.serviceName}: ${appName} pulls its images with this identity once its registries list ${server} with identity ${system ? '"system"' : "the identity's resource ID"} (az containerapp registry set), and the registry accepts ARM-audience tokens (az acr config authentication-as-arm show); ${codeNeedsNone}${system ? ' A system-assigned identity exists only once the app does, so the first revision cannot pull a private image: create the app with a public image, or pull with a user-assigned identity that holds AcrPull before the app is created.' : ''}`
    case 'containerInstance':
      return system
        ? `${c.serviceName}: a container group pulls its images when it is created, before its system-assigned identity exists to hold AcrPull: pull with a user-assigned identity (imageRegistryCredentials with server ${server} and the identity's resource ID); this grant serves only code that calls the registry.`
        : `${c.serviceName}: ${appName} pulls its images with this identity when its imageRegistryCredentials name server ${server} and the identity's resource ID; ${codeNeedsNone}`
    case 'aksWorkload':
      return `${c.serviceName}: AKS pulls images with the cluster's kubelet identity, not with a workload identity: grant AcrPull to the kubelet identity (az aks update --attach-acr); this grant serves only code that calls the registry.`
    case 'virtualMachine':
    case 'vmScaleSet':
      return `${c.serviceName}: the machine's container runtime pulls with this identity once it signs in with it: az login --identity${system ? '' : " --client-id <the identity's client ID>"}, then az acr login --name ${c.resourceName}.`
    default:
      return `${c.serviceName}: this grant serves code that calls the registry; it does not make ${appName} pull images.`
  }
}
