import { bicepString } from '../lib/encode/bicep.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import { typeWithVersion } from './api-versions.ts'
import type { ExportContext } from './model.ts'

/** Words Bicep keeps for itself, and names this file declares: never a symbol. */
export const BICEP_RESERVED = [
  'targetScope',
  'resource',
  'param',
  'var',
  'output',
  'module',
  'existing',
  'if',
  'for',
  'in',
  'true',
  'false',
  'null',
  'import',
  'type',
  'func',
  'metadata',
  'location',
  'az',
  'sys',
]

/** Does a bound resource live where this resource-group deployment runs (or is that unknown)? */
export function inDeploymentGroup(resourceId: string | undefined, context: ExportContext): boolean {
  if (!resourceId) return true
  const parts = parseArmId(resourceId)
  if (!parts?.resourceGroup) return false
  const same = (a: string | undefined, b: string | undefined): boolean =>
    a === undefined || b === undefined || a.toLowerCase() === b.toLowerCase()
  return (
    same(parts.resourceGroup, context.resourceGroup) &&
    same(parts.subscriptionId, context.subscriptionId)
  )
}

/**
 * `resource x '…' existing = { name: … }`: a resource this file refers to but does not own. A
 * nested type (a SQL database `server/db`) gets its parent declared first; a bound resource in
 * another group gets `scope: resourceGroup(…)`.
 */
export function existingResource(
  symbol: string,
  armType: string,
  name: string,
  resourceId: string | undefined,
  context: ExportContext,
): string[] {
  const parts = resourceId ? parseArmId(resourceId) : undefined
  const realName = parts?.name ?? name
  const scope =
    parts?.resourceGroup && !inDeploymentGroup(resourceId, context)
      ? [
          `  scope: resourceGroup(${bicepString(parts.subscriptionId)}, ${bicepString(parts.resourceGroup)})`,
        ]
      : []
  const types = armType.split('/')
  const names = realName.split('/')
  if (types.length > 2 && names.length === types.length - 1) {
    const parentType = types.slice(0, -1).join('/')
    const parentName = names.slice(0, -1).join('/')
    return [
      `resource ${symbol}Parent ${bicepString(typeWithVersion(parentType))} existing = {`,
      `  name: ${bicepString(parentName)}`,
      ...scope,
      '}',
      '',
      `resource ${symbol} ${bicepString(typeWithVersion(armType))} existing = {`,
      `  parent: ${symbol}Parent`,
      `  name: ${bicepString(names[names.length - 1] ?? realName)}`,
      '}',
    ]
  }
  return [
    `resource ${symbol} ${bicepString(typeWithVersion(armType))} existing = {`,
    `  name: ${bicepString(realName)}`,
    ...scope,
    '}',
  ]
}

/**
 * An object literal over several lines. Keys that are identifiers stay bare, keys already written
 * as Bicep strings (starting with a quote, possibly interpolated) stay as they are, others are quoted.
 */
export function bicepObject(entries: readonly (readonly [string, string])[], indent = ''): string {
  if (entries.length === 0) return '{}'
  const key = (k: string): string =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) || k.startsWith("'") ? k : bicepString(k)
  return ['{', ...entries.map(([k, v]) => `${indent}  ${key(k)}: ${v}`), `${indent}}`].join('\n')
}
