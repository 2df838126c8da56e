import type { ExportModel } from './model.ts'
import { SymbolTable } from './symbols.ts'

/** Shell variable names of one script: upper-case, unique, never the script's own. */
export function shellSymbols(): SymbolTable {
  return new SymbolTable('upper', [
    'SUBSCRIPTION_ID',
    'RESOURCE_GROUP',
    'LOCATION',
    'RG_ID',
    'PATH',
    'HOME',
  ])
}

/** The variable holding a node's resource id, named after the node's current name. */
export function idVariable(vars: SymbolTable, model: ExportModel, node: string): string {
  return vars.name(`id:${node}`, `${model.names[node] ?? node} id`)
}

/**
 * A statement setting variable `target` to the resource group in the resource id held by `idVar`
 * (the fifth field split at "/"): by parameter expansion, not `cut`, which works line by line and
 * would split a name holding a line break.
 */
export function resourceGroupOf(target: string, idVar: string): string {
  return `${target}=\${${idVar}#/*/*/*/}; ${target}=\${${target}%%/*}`
}

/** As resourceGroupOf, for the subscription (the third field): `az` works in one at a time. */
export function subscriptionOf(target: string, idVar: string): string {
  return `${target}=\${${idVar}#/*/}; ${target}=\${${target}%%/*}`
}
