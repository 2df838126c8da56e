import { SymbolTable } from './symbols.ts'

/** A single-quoted shell word: safe for any text. */
export function shellWord(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`
}

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

/** Text inside a double-quoted shell word: `$`, backquote, quote and backslash escaped. */
export function inDoubleQuotes(text: string): string {
  return text.replace(/[$`"\\]/g, (c) => `\\${c}`)
}
