import { describe, expect, it } from 'vitest'
import { roleByName } from '@/catalog/roles.ts'
import { buildImportedDesign } from '@/import/build-design.ts'
import type { Estate } from '@/import/estate.ts'
import { importNodes } from '@/import/nodes.ts'
import { readEstate } from '@/import/read-estate.ts'
import { roleDefinitionResourceId } from '@/plan/arm-ids.ts'
import { SUB } from '../apply/support.ts'
import { accountId, AI_RG, AI_SITE, aiWorld } from '../support/ai-accounts.ts'

/** The AI group with its app granted on the Azure OpenAI account and on the Speech one. */
async function aiGroup() {
  const world = aiWorld()
  const app = await world.gateway.patchIdentity(AI_SITE, '2023-12-01', { type: 'SystemAssigned' })
  const grant = (scope: string, role: string, n: number) =>
    world.gateway.createRoleAssignment(scope, `0000cccc-0000-4000-8000-00000000000${n}`, {
      roleDefinitionId: roleDefinitionResourceId(SUB, roleByName(role)!.id!),
      principalId: app.identity!.principalId!,
      principalType: 'ServicePrincipal',
    })
  await grant(accountId('oai-chat'), 'Cognitive Services OpenAI User', 1)
  await grant(accountId('speech-calls'), 'Cognitive Services User', 2)
  return world
}

describe('importing Cognitive Services accounts', () => {
  it('draws Azure OpenAI for OpenAI and AIServices accounts only; a Speech account is noted like any resource it does not model', async () => {
    const world = await aiGroup()
    const { design, notes } = await buildImportedDesign(await readEstate(world.gateway, SUB, AI_RG))
    expect(design.nodes.map(({ position: _, ...node }) => node)).toEqual([
      {
        id: 'app-calls',
        kind: 'app',
        name: 'app-calls',
        hosting: 'appService',
        systemAssigned: true,
        azure: { resourceId: AI_SITE },
      },
      {
        id: 'foundry-hub',
        kind: 'service',
        name: 'foundry-hub',
        service: 'openAI',
        azure: { resourceId: accountId('foundry-hub') },
      },
      {
        id: 'oai-chat',
        kind: 'service',
        name: 'oai-chat',
        service: 'openAI',
        azure: { resourceId: accountId('oai-chat') },
      },
    ])
    expect(design.edges).toEqual([
      {
        id: 'app-calls-oai-chat',
        kind: 'access',
        source: 'app-calls',
        target: 'oai-chat',
        roles: ['Cognitive Services OpenAI User'],
        via: 'system',
      },
    ])
    expect(notes).toEqual([
      `Cognitive Services User at ${accountId('speech-calls')}: on a Microsoft.CognitiveServices/accounts of kind SpeechServices, not Azure OpenAI (kind OpenAI or AIServices), which the designer does not model`,
    ])
  })

  it('compares kind as ARM spells it or not', () => {
    const estate: Estate = {
      subscriptionId: SUB,
      resourceGroup: AI_RG,
      resources: [
        {
          id: accountId('a'),
          name: 'a',
          type: 'microsoft.cognitiveservices/accounts',
          kind: 'openai',
        },
        {
          id: accountId('b'),
          name: 'b',
          type: 'Microsoft.CognitiveServices/accounts',
          kind: 'AISERVICES',
        },
        {
          id: accountId('c'),
          name: 'c',
          type: 'Microsoft.CognitiveServices/accounts',
          kind: 'TextAnalytics',
        },
        { id: accountId('d'), name: 'd', type: 'Microsoft.CognitiveServices/accounts' },
      ],
      identities: [],
      danglingIdentities: [],
      assignments: [],
      roleNames: {},
      cosmos: {},
      accessPolicyVaults: {},
      unreadable: [],
    }
    expect(importNodes(estate).services.map((s) => [s.name, s.service])).toEqual([
      ['a', 'openAI'],
      ['b', 'openAI'],
    ])
  })
})
