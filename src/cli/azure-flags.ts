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

/**
 * `--subscription` and `--resource-group` of apply, import and drift, naming only the missing
 * one(s). An empty one is not missing: checkAzureFlags says what it should hold.
 */
export function requireTarget(
  command: string,
  usage: string,
  values: { readonly subscription?: unknown; readonly 'resource-group'?: unknown },
): { subscriptionId: string; resourceGroup: string } {
  const missing = (['subscription', 'resource-group'] as const).filter(
    (flag) => typeof values[flag] !== 'string',
  )
  if (missing.length > 0)
    throw new CliError(
      `idtopo ${command}: ${missing.map((f) => `--${f}`).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required\n\n${usage}`,
    )
  checkAzureFlags(command, values)
  return {
    subscriptionId: values.subscription as string,
    resourceGroup: values['resource-group'] as string,
  }
}

/**
 * `--principal NODE=OBJECT_ID`, each an Entra object id. Two different ids for one node are
 * refused (parseArgs keeps every value, and the last would silently win: a grant for the wrong
 * person); the same id twice says the same thing twice and is taken.
 */
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
    const earlier = out[node]
    if (earlier !== undefined && !sameGuid(earlier, id))
      throw new CliError(
        `idtopo ${command}: --principal ${JSON.stringify(node)} given twice, as ${earlier} and as ${id}: give one object id per developer node`,
      )
    out[node] = id
  }
  return out
}

/** Object ids compare without case: Azure answers them in lower case, a portal copy may not be. */
const sameGuid = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

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
  if (wrong.length > 0) {
    const known = developers.length
      ? `its developer nodes are ${developers.map((d) => t(JSON.stringify(d))).join(', ')}`
      : 'it has no developer node'
    throw new CliError(
      `idtopo ${command}: --principal ${wrong.map((w) => t(JSON.stringify(w))).join(', ')}: no developer node with that id in the design (${known})`,
    )
  }
  checkBoundPrincipals(command, ids, design)
}

/**
 * A --principal for a developer the design already binds (azure.principalId) must say the same:
 * binding keeps the design's id, so a different one on the command line would be ignored and the
 * grants would go to the design's principal while the flag named another.
 */
function checkBoundPrincipals(
  command: string,
  ids: Readonly<Record<string, string>>,
  design: Design,
): void {
  for (const node of design.nodes) {
    const bound = node.kind === 'developer' ? node.azure?.principalId : undefined
    const given = ids[node.id]
    if (bound === undefined || given === undefined || sameGuid(bound, given)) continue
    throw new CliError(
      `idtopo ${command}: --principal ${t(JSON.stringify(node.id))}=${given} differs from the design's azure.principalId ${t(bound)} for that developer node: drop the --principal to use the design's, or change azure.principalId in the design`,
    )
  }
}
