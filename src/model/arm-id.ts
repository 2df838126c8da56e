import { err, ok, type Result } from '../lib/result.ts'
import { GUID_PATTERN, resourceGroupNameProblem } from './azure-formats.ts'

/** An ARM id split into its parts: a subscription, a resource group, or a resource in a group. */
export interface ArmIdParts {
  readonly kind: 'subscription' | 'resourceGroup' | 'resource'
  readonly subscriptionId: string
  readonly resourceGroup?: string
  /** `Microsoft.Storage`, as written. */
  readonly provider?: string
  /** `Microsoft.Sql/servers/databases`: the provider and every type segment. */
  readonly type?: string
  /** `srv/db`: every name segment. */
  readonly name?: string
}

export const ARM_ID_EXAMPLE =
  '/subscriptions/<GUID>/resourceGroups/<group>/providers/<Namespace>/<type>/<name>'
const MAX_ID_LENGTH = 2048
const NAMESPACE = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/
const TYPE_SEGMENT = /^[A-Za-z][A-Za-z0-9]*$/
/**
 * Characters ARM resource names never hold (learn.microsoft.com "Naming rules and restrictions for
 * Azure resources": no `<>%&\?/` or control characters), plus `#`: any of them in an id that is
 * sent as a request path would change the request (query, fragment, escapes, traversal).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_NAME = /[<>%&\\?#\u0000-\u001f\u007f]/

/**
 * Parses an ARM id strictly: `/subscriptions/{GUID}[/resourceGroups/{group}[/providers/{Namespace}/{type}/{name}[/{type}/{name}]…]]`.
 * No empty segments, no `.`/`..` segments, no extension resources (a second `providers`), no
 * characters that would change a request made from the id. The message says what is wrong.
 */
export function parseArmId(id: string): Result<ArmIdParts, string> {
  if (id.length > MAX_ID_LENGTH) return err(`an ARM id is at most ${MAX_ID_LENGTH} characters`)
  if (!id.startsWith('/')) return err('an ARM id starts with /subscriptions/')
  const segments = id.slice(1).split('/')
  if (segments.some((s) => s === ''))
    return err('an ARM id has no empty segments (// or a trailing /)')
  const [subscriptions, subscriptionId, groups, group, providers, namespace, ...rest] = segments
  if (subscriptions?.toLowerCase() !== 'subscriptions' || subscriptionId === undefined)
    return err('an ARM id starts with /subscriptions/')
  if (!GUID_PATTERN.test(subscriptionId))
    return err(`the subscription id ${JSON.stringify(subscriptionId)} is not a GUID`)
  if (groups === undefined) return ok({ kind: 'subscription', subscriptionId })
  if (groups.toLowerCase() !== 'resourcegroups' || group === undefined)
    return err(
      `expected resourceGroups/<group> after the subscription, got ${JSON.stringify(groups)}`,
    )
  const groupProblem = resourceGroupNameProblem(group)
  if (groupProblem) return err(`the resource group ${JSON.stringify(group)} ${groupProblem}`)
  if (providers === undefined)
    return ok({ kind: 'resourceGroup', subscriptionId, resourceGroup: group })
  if (providers.toLowerCase() !== 'providers' || namespace === undefined)
    return err(
      `expected providers/<Namespace> after the resource group, got ${JSON.stringify(providers)}`,
    )
  if (!NAMESPACE.test(namespace))
    return err(
      `${JSON.stringify(namespace)} is not a resource provider namespace such as Microsoft.Storage`,
    )
  if (rest.length === 0 || rest.length % 2 !== 0)
    return err('expected <type>/<name> pairs after the provider namespace')
  const types: string[] = []
  const names: string[] = []
  for (let i = 0; i < rest.length; i += 2) {
    const type = rest[i] as string
    const name = rest[i + 1] as string
    if (type.toLowerCase() === 'providers')
      return err('extension resources (a second /providers/) cannot be bound to a node')
    if (!TYPE_SEGMENT.test(type)) return err(`${JSON.stringify(type)} is not a resource type name`)
    const nameProblem = resourceNameProblem(name)
    if (nameProblem) return err(`the name ${JSON.stringify(name)} ${nameProblem}`)
    types.push(type)
    names.push(name)
  }
  return ok({
    kind: 'resource',
    subscriptionId,
    resourceGroup: group,
    provider: namespace,
    type: [namespace, ...types].join('/'),
    name: names.join('/'),
  })
}

function resourceNameProblem(name: string): string | undefined {
  if (name === '.' || name === '..') return 'is not a resource name'
  if (FORBIDDEN_IN_NAME.test(name))
    return 'holds a character no ARM resource name has (< > % & \\ ? # or a control character)'
  return undefined
}

/** What an id names, for messages: `a subscription`, `a resource group`, `a Microsoft.Web/sites`. */
export function describeArmId(parts: ArmIdParts): string {
  switch (parts.kind) {
    case 'subscription':
      return 'a subscription'
    case 'resourceGroup':
      return 'a resource group'
    case 'resource':
      return `a ${parts.type}`
  }
}
