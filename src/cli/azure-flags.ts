import { GUID_PATTERN, locationProblem, resourceGroupNameProblem } from '../model/azure-formats.ts'
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
