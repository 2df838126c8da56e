import type { Design } from '../model/types.ts'
import type { BindTarget } from './binding.ts'
import { identityResourceId } from './binding.ts'
import { describeFailure } from './describe.ts'
import { isArmFailure } from './failure.ts'
import type { ArmGateway } from './gateway.ts'
import { permissionCheck } from './permission-check.ts'
import { principalKey, Principals, type KnownPrincipal } from './principals.ts'
import { withPrivilegeFromAzure } from './privilege.ts'
import type { Step } from './steps.ts'
import { kindOf } from './steps/index.ts'
import type { Needed, PreviewContext, PreviewItem, PreviewStatus } from './steps/step-kind.ts'

export type { PreviewItem, PreviewStatus } from './steps/step-kind.ts'

export interface Preview {
  readonly items: readonly PreviewItem[]
  /** Principal ids read from Azure: immutable, the run threads its own additions through. */
  readonly principals: Principals
}

export function countPreview(items: readonly PreviewItem[]): Record<PreviewStatus, number> {
  const counts: Record<PreviewStatus, number> = {
    create: 0,
    inPlace: 0,
    conflict: 0,
    cannot: 0,
    manual: 0,
  }
  for (const i of items) counts[i.status]++
  return counts
}

/**
 * Compares each step with what exists in Azure (each step kind reads what it needs,
 * steps/<kind>.ts) and whether the caller's permissions allow each change (permission-check.ts).
 * Reads only; hand it a gateway whose reads are retried (reading.ts).
 */
export async function previewApply(
  design: Design,
  steps: readonly Step[],
  gateway: ArmGateway,
  target: BindTarget,
  signal?: AbortSignal,
): Promise<Preview> {
  const o = { signal }
  const found = new Map<string, KnownPrincipal>()
  const reads = new Map<string, Promise<unknown>>()
  const lacking = permissionCheck(gateway, o)
  const deniedItem = (step: Step, denied: Needed): PreviewItem => ({
    step,
    status: 'cannot',
    reason: `you lack ${denied.action} on ${denied.scope}`,
    denied,
  })
  /** A step that would change something, but the caller's permissions do not allow it. */
  const allowed = async (item: PreviewItem): Promise<PreviewItem> => {
    if (item.status !== 'create' && item.status !== 'conflict') return item
    const denied = await lacking(item.step)
    return denied ? deniedItem(item.step, denied) : item
  }

  // Principals first: identities that exist, developers' object ids.
  for (const node of design.nodes) {
    if (node.kind === 'developer' && node.azure?.principalId)
      found.set(principalKey({ type: 'developer', node: node.id }), {
        principalId: node.azure.principalId,
      })
  }
  await Promise.all(
    design.nodes.map(async (node) => {
      if (node.kind !== 'identity') return
      const live = await readOrUndefined(() =>
        gateway.getUserIdentity(identityResourceId(node, target), o),
      )
      if (live)
        found.set(principalKey({ type: 'userAssigned', node: node.id }), {
          principalId: live.principalId,
          clientId: live.clientId,
        })
    }),
  )

  const items: PreviewItem[] = []
  for (const step of steps) {
    const ctx: PreviewContext = {
      gateway,
      signal,
      principals: new Principals(found),
      learn: (principal, known) => void found.set(principalKey(principal), known),
      memo: <T>(key: string, load: () => Promise<T>): Promise<T> => {
        const k = key.toLowerCase()
        const hit = reads.get(k)
        if (hit) return hit as Promise<T>
        const p = load()
        reads.set(k, p)
        return p
      },
    }
    try {
      items.push(await allowed(await kindOf(step).preview(step, ctx)))
    } catch (e) {
      if (!isArmFailure(e)) throw e
      // Some steps need a privileged read first (app settings are secrets: listing them is a
      // write-level action); a 403 there is the same lack of permission the run would meet.
      const denied = e.status === 403 ? await lacking(step) : undefined
      items.push(
        denied
          ? deniedItem(step, denied)
          : {
              step,
              status: 'cannot',
              reason: `could not read the current state: ${describeFailure(e)}`,
            },
      )
    }
  }
  return {
    items: Object.freeze(await withPrivilegeFromAzure(items, gateway, o)),
    principals: new Principals(found),
  }
}

async function readOrUndefined<T>(read: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await read()
  } catch (e) {
    if (isArmFailure(e)) return undefined
    throw e
  }
}
