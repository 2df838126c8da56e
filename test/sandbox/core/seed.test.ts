import { describe, expect, it } from 'vitest'
import {
  parseFaultPatch,
  parseSandboxState,
  parseWorldAdditions,
} from '@/sandbox/core/admin-schema.ts'
import { seedState, templateResources } from '@/sandbox/core/seed.ts'
import type { Design } from '@/model/types.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { call, resourceId, testSandbox, v } from '../support.ts'

describe('the seeded world', () => {
  it('holds subscription 1111…, sandbox-rg in westeurope and a resource per template app and service', () => {
    const state = seedState()
    expect(Object.values(state.subscriptions).map((s) => s.subscriptionId)).toEqual([
      '11111111-1111-1111-1111-111111111111',
    ])
    expect(Object.values(state.resourceGroups)).toEqual([
      {
        subscriptionId: '11111111-1111-1111-1111-111111111111',
        name: 'sandbox-rg',
        location: 'westeurope',
      },
    ])
    const names = new Set(Object.values(state.resources).map((r) => r.name))
    for (const t of TEMPLATES)
      for (const n of t.design.nodes)
        if (n.kind === 'app' || n.kind === 'service') expect(names).toContain(n.name)
  })

  it('gives web apps their kind, SQL databases their server, and lists each resource once', () => {
    const resources = templateResources()
    expect(resources).toContainEqual({
      type: 'Microsoft.Web/sites',
      name: 'contoso-func',
      kind: 'functionapp',
    })
    expect(resources).toContainEqual({
      type: 'Microsoft.Web/sites',
      name: 'contoso-web',
      kind: 'app',
    })
    expect(resources).toContainEqual({ type: 'Microsoft.Sql/servers', name: 'contoso-sql' })
    const keys = resources.map((r) => `${r.type}|${r.name}`.toLowerCase())
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('gives an Azure OpenAI service the kind that makes it one (a Cognitive Services account is many things)', () => {
    const design: Design = {
      name: 'chat',
      nodes: [{ id: 'oai', kind: 'service', name: 'oai-chat', service: 'openAI' }],
      edges: [],
    }
    expect(templateResources([{ design }])).toEqual([
      { type: 'Microsoft.CognitiveServices/accounts', name: 'oai-chat', kind: 'OpenAI' },
    ])
  })

  it('takes admin additions: principals visible at once, groups and resources', () => {
    const { sandbox } = testSandbox()
    const additions = parseWorldAdditions({
      principals: [{ id: 'ce2ce14e-85d7-4629-bdbc-454d0519d987', type: 'Group' }],
      resourceGroups: [{ name: 'rg-extra', location: 'North Europe' }],
      resources: [
        { type: 'microsoft.web/sites', name: 'extra-app', resourceGroup: 'rg-extra', kind: 'app' },
      ],
    })
    expect(additions.ok).toBe(true)
    if (!additions.ok) return
    sandbox.seed(additions.value)
    const site = call(
      sandbox,
      'GET',
      v(resourceId('Microsoft.Web/sites', 'extra-app').replace('sandbox-rg', 'rg-extra')),
    )
    expect(site.json).toMatchObject({
      type: 'Microsoft.Web/sites',
      kind: 'app',
      location: 'northeurope',
    })
    const assign = call(
      sandbox,
      'PUT',
      v(
        `${resourceId('Microsoft.Web/sites', 'contoso-web')}/providers/Microsoft.Authorization/roleAssignments/0b0f43c5-e787-4862-89b1-a653fa9cf747`,
      ),
      {
        properties: {
          roleDefinitionId:
            '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
          principalId: 'ce2ce14e-85d7-4629-bdbc-454d0519d987',
        },
      },
    )
    expect(assign.json.properties.principalType).toBe('Group')
  })

  it('validates admin input', () => {
    expect(parseFaultPatch({ serverErrors: { rate: 2 } }).ok).toBe(false)
    expect(
      parseFaultPatch({ throttle: { capacity: 20 }, forbiddenScopes: ['/subscriptions/x'] }).ok,
    ).toBe(true)
    expect(parseFaultPatch({ nonsense: true }).ok).toBe(false)
    expect(parseFaultPatch({ limits: { roleAssignments: 4000 } }).ok).toBe(true)
    expect(parseFaultPatch({ limits: { roleAssignments: -1 } }).ok).toBe(false)
    expect(parseWorldAdditions({ principals: [{ id: 'x', type: 'Robot' }] }).ok).toBe(false)
    expect(parseSandboxState(seedState()).ok).toBe(true)
    expect(parseSandboxState({ format: 'other' }).ok).toBe(false)
  })
})
