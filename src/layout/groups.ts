import type { Design, DesignNode } from '../model/types.ts'

/**
 * How the canvas boxes nodes that belong together (a view setting): not at all, by the Azure
 * resource group a node lives in (or is to be created in), or by the node's own `group` tag.
 */
export type Grouping = 'none' | 'resourceGroup' | 'tag'

export const GROUPINGS: readonly Grouping[] = ['none', 'resourceGroup', 'tag']

/** The longest `group` tag taken; a longer one (or any non-string) is ignored, never an error. */
export const GROUP_TAG_MAX = 128

/** Room between a group's box and its members, and the band on top that holds its title. */
export const BOX_PADDING = 20
export const BOX_TITLE = 30

/** A group a node belongs to: a stable id (unique across groupings) and the title shown. */
export interface GroupKey {
  readonly id: string
  readonly title: string
}

export interface NodeGroup extends GroupKey {
  /** Its members' ids, in design order. */
  readonly members: readonly string[]
}

// Resource group names are case-insensitive in Azure: `/resourceGroups/` and `/resourcegroups/`
// both occur in ids ARM returns.
const RESOURCE_GROUP_IN_ID = /\/resourcegroups\/([^/]+)/i

/** The resource group of a bound node: from its resource id, else where it is to be created. */
export function resourceGroupOf(node: DesignNode): string | undefined {
  if (node.kind === 'developer' || !node.azure) return undefined
  const { resourceId, resourceGroup } = node.azure
  const fromId =
    typeof resourceId === 'string' ? RESOURCE_GROUP_IN_ID.exec(resourceId)?.[1] : undefined
  if (fromId) return fromId
  return typeof resourceGroup === 'string' && resourceGroup.trim() !== ''
    ? resourceGroup
    : undefined
}

/**
 * A node's `group` tag: its own string field `group`, kept by the file format as an unknown
 * field (PRODUCT.md §4). Taken when it is a string of 1–128 characters that is not blank.
 */
export function groupTagOf(node: DesignNode): string | undefined {
  const tag = node.extras?.['group']
  return isGroupTag(tag) ? tag : undefined
}

export function isGroupTag(tag: unknown): tag is string {
  return typeof tag === 'string' && tag.length <= GROUP_TAG_MAX && tag.trim() !== ''
}

/** The group a node belongs to under a grouping, if any. */
export function groupKeyOf(node: DesignNode, grouping: Grouping): GroupKey | undefined {
  switch (grouping) {
    case 'none':
      return undefined
    case 'resourceGroup': {
      const rg = resourceGroupOf(node)
      return rg === undefined ? undefined : { id: `rg:${rg.toLowerCase()}`, title: rg }
    }
    case 'tag': {
      const tag = groupTagOf(node)
      return tag === undefined ? undefined : { id: `tag:${tag}`, title: tag }
    }
  }
}

/**
 * The groups of a design (or of the nodes `only` keeps), in order of their first member; a
 * group's title is as its first member spells it.
 */
export function groupsOf(
  design: Design,
  grouping: Grouping,
  only?: (node: DesignNode) => boolean,
): NodeGroup[] {
  if (grouping === 'none') return []
  const groups = new Map<string, { id: string; title: string; members: string[] }>()
  for (const node of design.nodes) {
    if (only && !only(node)) continue
    const key = groupKeyOf(node, grouping)
    if (!key) continue
    const group = groups.get(key.id)
    if (group) group.members.push(node.id)
    else groups.set(key.id, { ...key, members: [node.id] })
  }
  return [...groups.values()]
}
