import type { ArmGateway, CallOptions } from '../gateway.ts'
import type { Step } from '../steps.ts'
import { readContainerEnv, writeContainerEnv } from './container-env.ts'
import type { StepKind } from './step-kind.ts'

type SetAppSettings = Extract<Step, { kind: 'setAppSettings' }>

/** The settings as they are: undefined when a Container App does not exist. */
const readSettings = (step: SetAppSettings, gateway: ArmGateway, id: string, o: CallOptions) =>
  step.place === 'containerEnv' ? readContainerEnv(gateway, id, o) : gateway.getAppSettings(id, o)

/**
 * Client ids where the app reads them: an App Service's app settings (read with a privileged list,
 * merged, the whole set written back) or a Container App's container environment
 * (container-env.ts).
 */
export const setAppSettings: StepKind<SetAppSettings> = {
  async preview(step, { gateway, signal, principals }) {
    if (step.manual) return { step, status: 'manual', reason: step.manual }
    if (!step.resourceId)
      return { step, status: 'cannot', reason: 'the app is not bound to an Azure resource' }
    const current = await readSettings(step, gateway, step.resourceId, { signal })
    if (!current) return { step, status: 'cannot', reason: `${step.resourceId} does not exist` }
    const differing: string[] = []
    let unknown = false
    for (const s of step.settings) {
      const want = principals.clientIdOf(s.identity)
      if (!want || current[s.name] === undefined) unknown = true
      else if (current[s.name] !== want)
        differing.push(`${s.name} is ${current[s.name]}, will be ${want}`)
    }
    if (differing.length) return { step, status: 'conflict', reason: differing.join('; ') }
    return unknown ? { step, status: 'create' } : { step, status: 'inPlace' }
  },
  async execute(step, { gateway, principals, retry, signal }) {
    const id = step.resourceId as string
    const values: Record<string, string> = {}
    for (const s of step.settings) {
      const clientId = principals.clientIdOf(s.identity)
      if (!clientId)
        return {
          outcome: 'skipped',
          detail: `identity ${s.identity} does not exist, so ${s.name} has no value`,
        }
      values[s.name] = clientId
    }
    const current = (await retry(() => readSettings(step, gateway, id, { signal }), false)) ?? {}
    if (Object.entries(values).every(([k, v]) => current[k] === v))
      return { outcome: 'unchanged', resourceId: id }
    await retry(
      () =>
        step.place === 'containerEnv'
          ? writeContainerEnv(gateway, id, values, { signal })
          : gateway.putAppSettings(id, { ...current, ...values }, { signal }),
      true,
    )
    return {
      outcome: 'created',
      detail: Object.entries(values)
        .map(([k, v]) => `${k}=${v}`)
        .join(', '),
      resourceId: id,
    }
  },
  target: (step) => step.resourceId,
  needs: (step) => {
    if (!step.resourceId) return []
    return step.place === 'containerEnv'
      ? [{ action: 'Microsoft.App/containerApps/write', scope: step.resourceId }]
      : [
          { action: 'Microsoft.Web/sites/config/list/action', scope: step.resourceId },
          { action: 'Microsoft.Web/sites/config/write', scope: step.resourceId },
        ]
  },
}
