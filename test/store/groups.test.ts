import { describe, expect, it } from 'vitest'
import { designToJson } from '@/model/serialize.ts'
import { parseDesign } from '@/model/parse.ts'
import {
  persistViewSettings,
  readViewSettings,
  VIEW_SETTINGS_KEY,
} from '@/store/persist/view-settings.ts'
import { design } from '../support/builder.ts'
import { testStore } from './helpers.ts'

const sample = () =>
  design()
    .app('web', { azure: { resourceGroup: 'rg-web' } })
    .identity('mi', { azure: { resourceGroup: 'rg-web' } })
    .service('st', 'storage', { azure: { resourceGroup: 'rg-data' } })
    .attach('web', 'mi', 'a1')
    .access('web', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
    .build()

const HOSTILE = `pay'"ments $(touch x)\n'''\u001b[31m`

describe('setNodeGroup', () => {
  it('sets and clears a node group tag as one undo step each, kept through save and open', () => {
    const t = testStore(sample())
    expect(t.store.getState().setNodeGroup('web', HOSTILE)).toBe(true)
    const tagged = t.store.getState().design
    expect(tagged.nodes[0]?.extras).toEqual({ group: HOSTILE })
    expect(t.past()).toBe(1)
    const reopened = parseDesign(JSON.parse(JSON.stringify(designToJson(tagged))))
    expect(reopened.ok && reopened.value.nodes[0]?.extras).toEqual({ group: HOSTILE })

    t.store.getState().setNodeGroup('web', '')
    expect(t.store.getState().design.nodes[0]?.extras).toBeUndefined()
    expect(t.past()).toBe(2)
    t.store.getState().undo()
    expect(t.store.getState().design.nodes[0]?.extras).toEqual({ group: HOSTILE })
  })

  it('keeps the node other unknown fields, and refuses a blank or too long tag with a message', () => {
    const base = sample()
    const withExtra = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'mi' ? { ...n, extras: { owner: 'ops' } } : n)),
    }
    const t = testStore(withExtra)
    t.store.getState().setNodeGroup('mi', 'data')
    expect(t.store.getState().design.nodes[1]?.extras).toEqual({ owner: 'ops', group: 'data' })
    t.store.getState().setNodeGroup('mi', '')
    expect(t.store.getState().design.nodes[1]?.extras).toEqual({ owner: 'ops' })

    expect(t.store.getState().setNodeGroup('mi', '   ')).toBe(false)
    expect(t.store.getState().notice?.title).toBe('Group refused: A group cannot be only spaces.')
    expect(t.store.getState().setNodeGroup('mi', 'x'.repeat(129))).toBe(false)
    expect(t.store.getState().notice?.title).toBe('Group refused: At most 128 characters.')
    expect(t.past()).toBe(2)
  })
})

describe('collapsed groups', () => {
  it('opens the group that hides a node or an edge end when it is brought into view', () => {
    const t = testStore(sample())
    const s = () => t.store.getState()
    s().setGrouping('resourceGroup')
    s().setGroupCollapsed('rg:rg-web', true)
    s().setGroupCollapsed('rg:rg-data', true)
    s().setGroupCollapsed('rg:rg-data', true)
    expect(s().collapsedGroups).toEqual(['rg:rg-web', 'rg:rg-data'])
    s().focus('mi')
    expect(s().collapsedGroups).toEqual(['rg:rg-data'])
    expect(s().selection.nodes).toEqual(['mi'])
    s().focus('e1')
    expect(s().collapsedGroups).toEqual([])
  })

  it('drops what a collapsed group hides from the selection, so Delete never removes it', () => {
    const t = testStore(sample())
    const s = () => t.store.getState()
    s().setGrouping('resourceGroup')
    s().select({ nodes: ['mi', 'st'], edges: ['a1', 'e1'] })
    s().setGroupCollapsed('rg:rg-data', true)
    expect(s().selection).toEqual({ nodes: ['mi'], edges: ['a1'] })
    s().removeSelection()
    expect(s().design.nodes.map((n) => n.id)).toEqual(['web', 'st'])
  })

  it('leaves collapsed groups alone when grouping is off', () => {
    const t = testStore(sample())
    t.store.getState().setGroupCollapsed('rg:rg-web', true)
    t.store.getState().focus('mi')
    expect(t.store.getState().collapsedGroups).toEqual(['rg:rg-web'])
  })
})

describe('view settings', () => {
  it('restores the grouping, collapsed groups and access drawing, and saves each change', async () => {
    const t = testStore(sample())
    await t.storage.set(VIEW_SETTINGS_KEY, {
      edgeDrawing: 'direct',
      grouping: 'tag',
      collapsedGroups: ['tag:a', 7, 'tag:b'],
    })
    const stop = await persistViewSettings(t.store, t.storage)
    expect(t.store.getState()).toMatchObject({
      edgeDrawing: 'direct',
      grouping: 'tag',
      collapsedGroups: ['tag:a', 'tag:b'],
    })
    t.store.getState().setGrouping('resourceGroup')
    t.store.getState().setGroupCollapsed('rg:rg-web', true)
    expect(await t.storage.get(VIEW_SETTINGS_KEY)).toEqual({
      edgeDrawing: 'direct',
      grouping: 'resourceGroup',
      collapsedGroups: ['tag:a', 'tag:b', 'rg:rg-web'],
      guideView: { language: 'csharp', cloud: 'AzureCloud' },
    })
    stop()
    t.store.getState().setGrouping('none')
    expect(await t.storage.get(VIEW_SETTINGS_KEY)).toMatchObject({ grouping: 'resourceGroup' })
    expect(t.past()).toBe(0)
  })

  it("restores the guide's language and cloud, and saves a change, not an undo step", async () => {
    const t = testStore(sample())
    await t.storage.set(VIEW_SETTINGS_KEY, {
      guideView: { language: 'python', cloud: 'AzureUSGovernment' },
    })
    const stop = await persistViewSettings(t.store, t.storage)
    expect(t.store.getState().guideView).toEqual({ language: 'python', cloud: 'AzureUSGovernment' })
    t.store.getState().setGuideView({ cloud: 'AzureChinaCloud' })
    expect(await t.storage.get(VIEW_SETTINGS_KEY)).toMatchObject({
      guideView: { language: 'python', cloud: 'AzureChinaCloud' },
    })
    expect(t.past()).toBe(0)
    stop()
  })

  it('ignores whatever else storage holds', () => {
    expect(readViewSettings({ guideView: { language: 'cobol', cloud: 'AzureCloud' } })).toEqual({})
    expect(
      readViewSettings({ guideView: { language: 'java', cloud: 'AzureGermanCloud' } }),
    ).toEqual({})
    expect(readViewSettings({ guideView: 'java' })).toEqual({})
    expect(readViewSettings(null)).toEqual({})
    expect(readViewSettings('tag')).toEqual({})
    expect(readViewSettings({ grouping: 'folders', edgeDrawing: 1, collapsedGroups: 'x' })).toEqual(
      {},
    )
  })
})
