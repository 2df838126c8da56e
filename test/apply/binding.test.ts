import { describe, expect, it } from 'vitest'
import { candidatesFor, type BindTarget } from '@/apply/binding.ts'
import { prepareApply } from '@/apply/prepare.ts'
import type { Design, DesignNode } from '@/model/types.ts'
import { accountId, AI_RG, aiWorld } from '../support/ai-accounts.ts'
import { SUB } from './support.ts'

const TARGET: BindTarget = { subscriptionId: SUB, resourceGroup: AI_RG, location: 'westeurope' }

/** The live group: an Azure OpenAI account, a Foundry (AI Services) one and a Speech one. */
const aiResources = () => aiWorld().gateway.listResources(SUB, AI_RG)

const openAI = (name: string, resourceId?: string): DesignNode => ({
  id: name,
  kind: 'service',
  name,
  service: 'openAI',
  ...(resourceId ? { azure: { resourceId } } : {}),
})

/** The app calls each Azure OpenAI node as Cognitive Services OpenAI User. */
const calling = (...services: DesignNode[]): Design => ({
  name: 'AI calls',
  nodes: [
    { id: 'app', kind: 'app', name: 'app-calls', hosting: 'appService', systemAssigned: true },
    ...services,
  ],
  edges: services.map((s) => ({
    id: `app-${s.id}`,
    kind: 'access' as const,
    source: 'app',
    target: s.id,
    via: 'system',
    roles: ['Cognitive Services OpenAI User'],
  })),
})

const problemsOf = (design: Design, resources: Awaited<ReturnType<typeof aiResources>>) => {
  const prepared = prepareApply(design, resources, TARGET)
  return prepared.ok ? [] : prepared.error.problems.map((p) => `${p.node}: ${p.message}`)
}

describe('binding an Azure OpenAI node to a Cognitive Services account', () => {
  it('binds by name to an OpenAI or AIServices account, and offers only those to pick', async () => {
    const resources = await aiResources()
    const prepared = prepareApply(
      calling(openAI('oai-chat'), openAI('foundry-hub')),
      resources,
      TARGET,
    )
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.error.problems))
    const bound = prepared.value.design.nodes.filter((n) => n.kind === 'service')
    expect(bound.map((n) => n.azure?.resourceId)).toEqual([
      accountId('oai-chat'),
      accountId('foundry-hub'),
    ])
    expect(
      candidatesFor(openAI('any'), resources)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['foundry-hub', 'oai-chat'])
  })

  it('refuses the Speech account of the same name, saying what it is and what would fit', async () => {
    const resources = await aiResources()
    expect(problemsOf(calling(openAI('speech-calls')), resources)).toEqual([
      'speech-calls: "speech-calls" in resource group ai-rg is a Microsoft.CognitiveServices/accounts of kind SpeechServices, not Azure OpenAI (kind OpenAI or AIServices): ARM accepts role assignments there, but they grant no Azure OpenAI access; bind the node to a resource of one of those kinds (found: oai-chat, foundry-hub)',
    ])
  })

  it('refuses a node already bound to the Speech account, as it refuses one bound to another type', async () => {
    const resources = await aiResources()
    expect(problemsOf(calling(openAI('speech', accountId('speech-calls'))), resources)).toEqual([
      'speech: azure.resourceId of "speech" names a Microsoft.CognitiveServices/accounts of kind SpeechServices, not Azure OpenAI (kind OpenAI or AIServices): ARM accepts role assignments there, but they grant no Azure OpenAI access; bind the node to a resource of one of those kinds',
    ])
    // Bound under another name to an account that serves Azure OpenAI: as before.
    expect(problemsOf(calling(openAI('chat', accountId('oai-chat'))), resources)).toEqual([])
  })
})
