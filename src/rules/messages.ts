import type { RoleRef } from '../catalog/roles.ts'
import type { MessageData } from './rule.ts'
import { messageQuote } from '../lib/encode/message.ts'

/** A message template split once: even parts are text, odd parts placeholder names. */
export type CompiledMessage = readonly string[]

export function compileMessage(template: string): CompiledMessage {
  return template.split(/\{(\w+)\}/)
}

/** Fills `{name}` placeholders; an unknown placeholder is left as written. */
export function fillMessage(parts: CompiledMessage, data: MessageData): string {
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    if (i % 2 === 0) out += part
    else out += part in data ? String(data[part]) : `{${part}}`
  }
  return out
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
    const text = messageQuote(texts[i] as string)
    if (matches(ref) && !out.includes(text)) out.push(text)
  })
  return out.join(', ')
}
