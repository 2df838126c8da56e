import { GUID_PATTERN, locationProblem, resourceGroupNameProblem } from '../model/azure-formats.ts'
import { terminalText as t } from '../lib/encode/terminal.ts'
import type { Design } from '../model/types.ts'
import { CliError } from './io.ts'

/**
 * The Azure flags of `apply` and `export` in the formats the design file's bindings must have
 * (model/azure-formats.ts): they reach ARM paths and generated scripts just the same.
 */
export function checkAzureFlags(
  command: string,
  flags: {
    readonly subscription?: unknown
    readonly 'resource-group'?: unknown
    readonly location?: unknown
  },
): void {
  const fail = (flag: string, message: string, value: string): never => {
    throw new CliError(`idtopo ${command}: ${flag} ${message}, got ${JSON.stringify(value)}`)
  }
  const { subscription, location } = flags
  const group = flags['resource-group']
  if (typeof subscription === 'string' && !GUID_PATTERN.test(subscription))
    fail('--subscription', 'expects a subscription id (a GUID)', subscription)
  const groupProblem = typeof group === 'string' ? resourceGroupNameProblem(group) : undefined
  if (groupProblem)
    fail('--resource-group', `expects a resource group name that ${groupProblem}`, group as string)
  const place = typeof location === 'string' ? locationProblem(location) : undefined
  if (place) fail('--location', place, location as string)
}

/** `--principal NODE=OBJECT_ID`, each an Entra object id. */
export function parsePrincipalFlags(
  command: string,
  values: readonly string[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>
  for (const v of values ?? []) {
    const [node, id, ...rest] = v.split('=')
    if (!node || !id || rest.length > 0 || !GUID_PATTERN.test(id))
      throw new CliError(
        `idtopo ${command}: --principal expects NODE=OBJECT_ID (a GUID), got ${JSON.stringify(v)}`,
      )
    out[node] = id
  }
  return out
}

/**
 * Every --principal names a developer node of the design: a mistyped id would otherwise leave the
 * developer it meant unbound (an apply against Azure without its grants) and say nothing.
 */
export function checkPrincipalNodes(
  command: string,
  ids: Readonly<Record<string, string>>,
  design: Design,
): void {
  const developers = design.nodes.filter((n) => n.kind === 'developer').map((n) => n.id)
  const wrong = Object.keys(ids).filter((id) => !developers.includes(id))
  if (wrong.length === 0) return
  const known = developers.length
    ? `its developer nodes are ${developers.map((d) => t(JSON.stringify(d))).join(', ')}`
    : 'it has no developer node'
  throw new CliError(
    `idtopo ${command}: --principal ${wrong.map((w) => t(JSON.stringify(w))).join(', ')}: no developer node with that id in the design (${known})`,
  )
}
