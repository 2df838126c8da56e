import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { accountId, aiWorld } from '../../support/ai-accounts.ts'
import { applyOnce } from '../support.ts'

/**
 * contoso-web (in the target group, sandbox-rg) reaches two Azure OpenAI nodes bound to accounts
 * in another group, which binding does not read: an Azure OpenAI account and a Speech account.
 */
const design: Design = {
  name: 'AI elsewhere',
  nodes: [
    { id: 'web', kind: 'app', name: 'contoso-web', hosting: 'appService', systemAssigned: true },
    {
      id: 'chat',
      kind: 'service',
      name: 'chat',
      service: 'openAI',
      azure: { resourceId: accountId('oai-chat') },
    },
    {
      id: 'speech',
      kind: 'service',
      name: 'speech',
      service: 'openAI',
      azure: { resourceId: accountId('speech-calls') },
    },
  ],
  edges: ['chat', 'speech'].map((target) => ({
    id: `web-${target}`,
    kind: 'access' as const,
    source: 'web',
    target,
    roles: ['Cognitive Services OpenAI User'],
    via: 'system',
  })),
}

describe('a grant on a Cognitive Services account bound outside the target group', () => {
  it('cannot be made on an account of another kind: the preview reads its kind and says why', async () => {
    const world = aiWorld()
    const applied = await applyOnce(design, world)
    const items = applied.preview.items.flatMap((i) =>
      i.step.kind === 'assignRole' ? [[i.step.target, i.status, i.reason]] : [],
    )
    expect(items).toEqual([
      ['chat', 'create', 'the identity is created by this apply'],
      [
        'speech',
        'cannot',
        'speech-calls is a Microsoft.CognitiveServices/accounts of kind SpeechServices, not Azure OpenAI (kind OpenAI or AIServices): ARM accepts role assignments there, but they grant no Azure OpenAI access; bind the node to a resource of one of those kinds',
      ],
    ])
    const assigned = Object.values(world.sandbox.snapshot().roleAssignments).map((a) =>
      a.scope.split('/').at(-1),
    )
    expect(assigned).toContain('oai-chat')
    expect(assigned).not.toContain('speech-calls')
  }, 30_000)
})
