import { describe, expect, it } from 'vitest'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { appSnippet } from '@/guide/snippets/assemble.ts'
import { LANGUAGES } from '@/guide/types.ts'
import type { HostingKind } from '@/model/kinds.ts'
import { design } from '../support/builder.ts'

/** The guide's note on the registry for an app of `hosting` pulling through `via`. */
function registryNote(hosting: HostingKind, via: 'system' | 'user'): string {
  const d = design()
    .app('shop', { hosting, systemAssigned: via === 'system' })
    .identity('mi-pull', { name: 'mi-pull' })
    .service('acr', 'containerRegistry', {
      name: 'Contoso ACR',
      azure: {
        resourceId:
          '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/g/providers/Microsoft.ContainerRegistry/registries/ContosoAcr',
      },
    })
  if (via === 'user') d.attach('shop', 'mi-pull')
  const guide = connectionGuide(
    d.access('shop', 'acr', ['AcrPull'], { via: via === 'system' ? 'system' : 'mi-pull' }).build(),
  )
  const app = guide.apps[0]!
  const notes = app.notes.filter((n) => n.startsWith('Contoso ACR:'))
  expect(notes).toHaveLength(1)
  return notes[0]!
}

describe('the guide says how each platform pulls images with an AcrPull identity', () => {
  it('App Service and Functions: acrUseManagedIdentityCreds, and the client ID for a user-assigned identity', () => {
    for (const hosting of ['appService', 'functionApp'] as const) {
      expect(registryNote(hosting, 'system')).toBe(
        'Contoso ACR: shop pulls its images with this identity once its site configuration says so: acrUseManagedIdentityCreds true; application code needs no registry client.',
      )
      expect(registryNote(hosting, 'user')).toBe(
        "Contoso ACR: shop pulls its images with this identity once its site configuration says so: acrUseManagedIdentityCreds true, and acrUserManagedIdentityID the identity's client ID (without it the system-assigned identity is used); application code needs no registry client.",
      )
    }
  })

  it('Container Apps: the registries entry, ARM-audience tokens, and the first revision of a system-assigned identity', () => {
    expect(registryNote('containerApp', 'user')).toBe(
      "Contoso ACR: shop pulls its images with this identity once its registries list contosoacr.azurecr.io with identity the identity's resource ID (az containerapp registry set), and the registry accepts ARM-audience tokens (az acr config authentication-as-arm show); application code needs no registry client.",
    )
    expect(registryNote('containerApp', 'system')).toContain(
      'A system-assigned identity exists only once the app does, so the first revision cannot pull a private image',
    )
    expect(registryNote('containerApp', 'system')).toContain('with identity "system"')
  })

  it('Container Instances: a system-assigned identity cannot pull at creation', () => {
    expect(registryNote('containerInstance', 'system')).toBe(
      "Contoso ACR: a container group pulls its images when it is created, before its system-assigned identity exists to hold AcrPull: pull with a user-assigned identity (imageRegistryCredentials with server contosoacr.azurecr.io and the identity's resource ID); this grant serves only code that calls the registry.",
    )
    expect(registryNote('containerInstance', 'user')).toBe(
      "Contoso ACR: shop pulls its images with this identity when its imageRegistryCredentials name server contosoacr.azurecr.io and the identity's resource ID; application code needs no registry client.",
    )
  })

  it('AKS: the kubelet identity pulls, not the workload identity', () => {
    expect(registryNote('aksWorkload', 'user')).toBe(
      "Contoso ACR: AKS pulls images with the cluster's kubelet identity, not with a workload identity: grant AcrPull to the kubelet identity (az aks update --attach-acr); this grant serves only code that calls the registry.",
    )
  })

  it('virtual machines: the runtime signs in with the identity', () => {
    expect(registryNote('virtualMachine', 'user')).toBe(
      "Contoso ACR: the machine's container runtime pulls with this identity once it signs in with it: az login --identity --client-id <the identity's client ID>, then az acr login --name ContosoAcr.",
    )
    expect(registryNote('vmScaleSet', 'system')).toContain(
      'az login --identity, then az acr login --name ContosoAcr.',
    )
  })

  it('hosts that pull no images: the grant serves code only', () => {
    expect(registryNote('logicApp', 'system')).toBe(
      'Contoso ACR: this grant serves code that calls the registry; it does not make shop pull images.',
    )
  })

  it('the snippet sends the reader to the notes instead of claiming the platform pulls', () => {
    const d = design()
      .app('shop', { hosting: 'aksWorkload' })
      .identity('mi-pull')
      .attach('shop', 'mi-pull')
      .service('acr', 'containerRegistry', { name: 'Contoso ACR' })
      .access('shop', 'acr', ['AcrPull'], { via: 'mi-pull' })
      .build()
    const app = connectionGuide(d).apps[0]!
    for (const language of LANGUAGES)
      expect(appSnippet(app, language)).toContain(
        'Contoso ACR: AcrPull (no client code: the notes say how images are pulled)',
      )
  })
})
