import { HOSTING } from '../../catalog/hosting.ts'
import type { ArmGateway, CallOptions } from '../gateway.ts'

const API = HOSTING.containerApp.apiVersion

interface EnvVar {
  readonly name: string
  readonly value?: string
  readonly secretRef?: string
}

interface Container {
  readonly env?: readonly EnvVar[]
  readonly [k: string]: unknown
}

async function containersOf(
  gateway: ArmGateway,
  appId: string,
  o: CallOptions,
): Promise<readonly Container[] | undefined> {
  const app = await gateway.getResource(appId, API, o)
  if (!app) return undefined
  const template = (app.document?.properties as { template?: { containers?: Container[] } })
    ?.template
  return template?.containers ?? []
}

/**
 * A Container App's client-ID settings are environment variables of its containers: the value a
 * name has in every container (a name set to different values, or kept in a secret, reads as
 * unset so that it is written).
 */
export async function readContainerEnv(
  gateway: ArmGateway,
  appId: string,
  o: CallOptions,
): Promise<Record<string, string> | undefined> {
  const containers = await containersOf(gateway, appId, o)
  if (!containers) return undefined
  const names = new Set(containers.flatMap((c) => (c.env ?? []).map((e) => e.name)))
  const out: Record<string, string> = {}
  for (const name of names) {
    const values = containers.map((c) => c.env?.find((e) => e.name === name)?.value)
    const [first] = values
    if (first !== undefined && values.every((v) => v === first)) out[name] = first
  }
  return out
}

/**
 * Sets the variables in every container, keeping the rest of each container and its other
 * variables: GET, then PATCH of `template.containers` whole (ContainerApps_Update is a JSON merge
 * patch, which replaces arrays), as `az containerapp update --set-env-vars` does. The PATCH is a
 * long-running operation (202 + Location) the gateway polls to its end. A new revision follows.
 */
export async function writeContainerEnv(
  gateway: ArmGateway,
  appId: string,
  values: Readonly<Record<string, string>>,
  o: CallOptions,
): Promise<void> {
  const containers = (await containersOf(gateway, appId, o)) ?? []
  if (containers.length === 0)
    throw {
      code: 'NoContainers',
      message: `${appId} has no containers to set ${Object.keys(values).join(', ')} in.`,
    }
  const next = containers.map((c) => ({
    ...c,
    env: [
      ...(c.env ?? []).filter((e) => values[e.name] === undefined),
      ...Object.entries(values).map(([name, value]) => ({ name, value })),
    ],
  }))
  await gateway.patchProperties(appId, API, { template: { containers: next } }, o)
}
