import { parseDesign } from '../model/parse.ts'
import type { Design } from '../model/types.ts'
import empty from './empty.topology.json'
import scenario1 from './scenario-1-system-assigned.topology.json'
import scenario2 from './scenario-2-shared-identities.topology.json'
import scenario3 from './scenario-3-shared-plus-system.topology.json'

export interface Template {
  readonly id: string
  readonly title: string
  readonly summary: string
  readonly design: Design
}

function load(doc: unknown): Design {
  const parsed = parseDesign(doc)
  if (!parsed.ok)
    throw new Error(
      `built-in template is invalid: ${parsed.error[0]?.path} ${parsed.error[0]?.message}`,
    )
  return parsed.value
}

/** The built-in templates: an empty design and the tutorial's three scenarios. */
export const TEMPLATES: readonly Template[] = [
  {
    id: 'empty',
    title: 'Empty design',
    summary: 'Start from a blank canvas.',
    design: load(empty),
  },
  {
    id: 'scenario-1',
    title: 'One app, system-assigned identity',
    summary: 'An App Service reaches Storage, Key Vault and SQL with its own identity.',
    design: load(scenario1),
  },
  {
    id: 'scenario-2',
    title: 'Apps sharing user-assigned identities',
    summary: 'Three apps share identities for storage and for databases.',
    design: load(scenario2),
  },
  {
    id: 'scenario-3',
    title: 'Shared identity plus system-assigned',
    summary: 'A shared identity for common needs, a system-assigned one for an app’s own vault.',
    design: load(scenario3),
  },
]

export function templateById(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id)
}
