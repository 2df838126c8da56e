import { plural } from '../lib/plural.ts'
import { SERVICE_ARM_TYPES } from '../model/bindings.ts'
import { DATABASE_KINDS } from './build-design.ts'
import { resourceGroupScope } from '../plan/arm-ids.ts'
import type { ImportedEstate } from './drift.ts'
import type { Estate } from './estate.ts'

/** ARM types of the services whose access is database users (build-design.ts DATABASE_KINDS). */
const DATABASE_TYPES: ReadonlySet<string> = new Set(
  [...DATABASE_KINDS].map((kind) => SERVICE_ARM_TYPES[kind].toLowerCase()),
)

/** The per-subscription role assignment limit (PRODUCT.md §11). */
export const SUBSCRIPTION_ASSIGNMENT_LIMIT = 5000

export interface HealthInput {
  /** With the subscription's principals when they could be listed (else orphans go uncounted). */
  readonly live: ImportedEstate
  /** Rule ids of the imported design's findings, one per finding. */
  readonly rules: readonly string[]
  /** Role assignments in the whole subscription, when they could be counted. */
  readonly subscriptionAssignments?: number
}

export interface Health {
  readonly tone: 'success' | 'warning' | 'error'
  /** One line per concern a reviewer asks about, worst first; a clean group says so. */
  readonly lines: readonly string[]
}

const CONCERNS = [
  [
    'privileged-role',
    ['grant', 'grants'],
    'of a privileged role (Owner, Contributor, access administrators)',
  ],
  ['key-exposing-role', ['grant', 'grants'], 'of a role that exposes keys'],
  [
    'shared-identity-overgrant',
    ['shared identity', 'shared identities'],
    'granting apps more than they need',
  ],
  ['unused-identity', ['identity', 'identities'], 'no app uses'],
] as const

/**
 * What a reviewer needs after an import (issue 14): over-privileged and key-exposing grants,
 * shared identities that over-grant, identities no app uses, orphaned assignments (principal
 * deleted), what could not be read (databases' own users included), and how far the subscription
 * is from its 5,000 limit.
 */
export function importHealth(input: HealthInput): Health {
  const lines: string[] = []
  let tone: Health['tone'] = 'success'
  const worse = (t: Health['tone']): void => {
    if (t === 'error' || tone === 'success') tone = t
  }
  for (const [rule, what, why] of CONCERNS) {
    const n = input.rules.filter((r) => r === rule).length
    if (n === 0) continue
    lines.push(`${plural(n, what[0], what[1])} ${why} (${rule})`)
    worse(rule === 'privileged-role' ? 'error' : 'warning')
  }
  const principals = input.live.subscriptionPrincipals
  const orphaned = principals ? orphanedAssignments(input.live, principals) : 0
  if (!principals) {
    lines.push(
      "Orphaned role assignments not counted: the subscription's identities could not be listed",
    )
    worse('warning')
  } else if (orphaned > 0) {
    lines.push(
      `${plural(orphaned, 'orphaned role assignment')} (identity deleted: the portal's "Identity not found")`,
    )
    worse('warning')
  }
  if (input.live.unreadable.length > 0) {
    lines.push(`${plural(input.live.unreadable.length, 'read')} refused or failed (see the notes)`)
    worse('warning')
  }
  if (input.subscriptionAssignments !== undefined) {
    const left = SUBSCRIPTION_ASSIGNMENT_LIMIT - input.subscriptionAssignments
    lines.push(
      `${input.subscriptionAssignments.toLocaleString('en-US')} of ${SUBSCRIPTION_ASSIGNMENT_LIMIT.toLocaleString('en-US')} role assignments used in the subscription (${left.toLocaleString('en-US')} left)`,
    )
    if (input.subscriptionAssignments > 4000) worse('warning')
  }
  if (lines.length === 0 || (lines.length === 1 && input.subscriptionAssignments !== undefined))
    lines.unshift('No over-privileged, key-exposing, over-shared, unused or orphaned access found')
  // Not a concern of the group's, a limit of what ARM shows: said, at no cost to the tone.
  const databases = input.live.resources.filter((r) => DATABASE_TYPES.has(r.type.toLowerCase()))
  if (databases.length > 0)
    lines.push(
      `${plural(databases.length, 'database')} whose own users ARM does not show: access granted inside ${databases.length === 1 ? 'it' : 'them'} is not imported (see the notes)`,
    )
  return { tone, lines }
}

/**
 * Assignments at or below the group held by a service principal that no longer exists in the
 * subscription (drift's "orphaned", without a design to compare with).
 */
export function orphanedAssignments(live: Estate, principals: ReadonlySet<string>): number {
  const group = resourceGroupScope(live.subscriptionId, live.resourceGroup).toLowerCase()
  const inGroup = (scope: string): boolean => {
    const s = scope.toLowerCase()
    return s === group || s.startsWith(`${group}/`)
  }
  const gone = (principalId: string): boolean => !principals.has(principalId.toLowerCase())
  const users = new Set(
    live.assignments
      .filter((a) => a.principalType === 'User' || a.principalType === 'Group')
      .map((a) => a.principalId.toLowerCase()),
  )
  let n = 0
  for (const a of live.assignments)
    if (a.principalType === 'ServicePrincipal' && inGroup(a.scope) && gone(a.principalId)) n++
  for (const list of Object.values(live.cosmos))
    for (const a of list) if (!users.has(a.principalId.toLowerCase()) && gone(a.principalId)) n++
  return n
}
