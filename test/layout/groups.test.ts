import { describe, expect, it } from 'vitest'
import { groupKeyOf, groupsOf, groupTagOf, resourceGroupOf } from '@/layout/groups.ts'
import type { DesignNode } from '@/model/types.ts'
import { design } from '../support/builder.ts'

const sub = '/subscriptions/00000000-0000-0000-0000-000000000001'
const estate = () =>
  design()
    .app('web', {
      azure: { resourceId: `${sub}/resourceGroups/RG-Web/providers/Microsoft.Web/sites/web` },
    })
    .app('fn', {
      azure: { resourceId: `${sub}/resourcegroups/rg-web/providers/Microsoft.Web/sites/fn` },
    })
    .identity('mi', { azure: { resourceGroup: 'rg-data' } })
    .service('st', 'storage', {
      azure: {
        resourceId: `${sub}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/st`,
        resourceGroup: 'rg-other',
      },
    })
    .service('kv', 'keyVault')
    .developer('devs', 'group', { azure: { resourceGroup: 'rg-web' } })
    .build()

const node = (id: string): DesignNode => estate().nodes.find((n) => n.id === id) as DesignNode

describe('group key', () => {
  it('takes the resource group from the resource id, case-insensitively, before azure.resourceGroup', () => {
    expect(resourceGroupOf(node('web'))).toBe('RG-Web')
    expect(resourceGroupOf(node('fn'))).toBe('rg-web')
    expect(resourceGroupOf(node('st'))).toBe('rg-data')
    // An identity to be created: where it will be.
    expect(resourceGroupOf(node('mi'))).toBe('rg-data')
    expect(groupKeyOf(node('web'), 'resourceGroup')).toEqual({ id: 'rg:rg-web', title: 'RG-Web' })
    expect(groupKeyOf(node('fn'), 'resourceGroup')).toEqual({ id: 'rg:rg-web', title: 'rg-web' })
  })

  it('gives developers and unbound nodes no resource group', () => {
    expect(resourceGroupOf(node('devs'))).toBeUndefined()
    expect(resourceGroupOf(node('kv'))).toBeUndefined()
    expect(groupKeyOf(node('kv'), 'resourceGroup')).toBeUndefined()
  })

  it('takes a group tag only when it is a string of 1–128 characters, not blank', () => {
    const tagged = (group: unknown): DesignNode => ({
      id: 'a',
      kind: 'identity',
      name: 'a',
      extras: { group },
    })
    expect(groupTagOf(tagged('payments'))).toBe('payments')
    expect(groupTagOf(tagged('x'.repeat(128)))).toBe('x'.repeat(128))
    expect(groupTagOf(tagged('x'.repeat(129)))).toBeUndefined()
    expect(groupTagOf(tagged(''))).toBeUndefined()
    expect(groupTagOf(tagged('  \n'))).toBeUndefined()
    expect(groupTagOf(tagged(42))).toBeUndefined()
    expect(groupTagOf(tagged(['a']))).toBeUndefined()
    expect(groupTagOf(node('web'))).toBeUndefined()
    const hostile = `a'"$(touch x)\n'''\u001b[31m`
    expect(groupKeyOf(tagged(hostile), 'tag')).toEqual({ id: `tag:${hostile}`, title: hostile })
    expect(groupKeyOf(tagged('payments'), 'none')).toBeUndefined()
  })

  it('lists the groups in order of their first member, with members in design order', () => {
    expect(groupsOf(estate(), 'resourceGroup')).toEqual([
      { id: 'rg:rg-web', title: 'RG-Web', members: ['web', 'fn'] },
      { id: 'rg:rg-data', title: 'rg-data', members: ['mi', 'st'] },
    ])
    expect(groupsOf(estate(), 'resourceGroup', (n) => n.id !== 'web')).toEqual([
      { id: 'rg:rg-web', title: 'rg-web', members: ['fn'] },
      { id: 'rg:rg-data', title: 'rg-data', members: ['mi', 'st'] },
    ])
    expect(groupsOf(estate(), 'none')).toEqual([])
    expect(groupsOf(estate(), 'tag')).toEqual([])
  })
})
