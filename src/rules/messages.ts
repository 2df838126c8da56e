import type { RoleRef } from '../catalog/roles.ts'
import type { MessageData } from './rule.ts'

/** A message template split once: even parts are text, odd parts placeholder names. */
export type CompiledMessage = readonly string[]

export function compileMessage(template: string): CompiledMessage {
  return template.split(/\{(\w+)\}/)
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function fillMessage(parts: CompiledMessage, data: MessageData): string {
  // Joined, not concatenated: `+=` makes a tree of string pieces that a check's thousands of
  // findings keep alive (the collector copies each piece) until sorting flattens them.
  const out = new Array<string>(parts.length)
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    out[i] = i % 2 === 0 ? part : part in data ? String(data[part]) : `{${part}}`
  }
  return out.join('')
}

export function formatMessage(template: string, data: MessageData): string {
  return fillMessage(compileMessage(template), data)
}

/** The roles that match, as written on the edge, quoted and comma-separated, each once. */
export function quoteRoles(
  texts: readonly string[],
  refs: readonly RoleRef[],
  matches: (role: RoleRef) => boolean,
): string {
  const out: string[] = []
  refs.forEach((ref, i) => {
    const text = JSON.stringify(texts[i])
    if (matches(ref) && !out.includes(text)) out.push(text)
  })
  return out.join(', ')
}
