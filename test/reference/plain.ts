import type { Edit } from '@/model/edits.ts'
import type { Severity } from '@/rules/types.ts'

/** A finding with every field, fixes and suggestions as plain lists (empty when none). */
export interface Plain {
  readonly rule: string
  readonly severity: Severity
  readonly subject: string | null
  readonly message: string
  readonly related: readonly string[]
  readonly fixes: readonly { readonly title: string; readonly edits: readonly Edit[] }[]
  readonly suggestions: readonly { readonly title: string; readonly edits: readonly Edit[] }[]
}

interface WithFixes {
  readonly rule: string
  readonly severity: Severity
  readonly subject: string | null
  readonly message: string
  readonly related?: readonly string[]
  readonly fixes?: readonly { readonly title: string; readonly edits: readonly Edit[] }[]
  readonly suggestions?: readonly { readonly title: string; readonly edits: readonly Edit[] }[]
}

export function plain(findings: readonly WithFixes[]): Plain[] {
  return findings.map((f) => ({
    rule: f.rule,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    related: f.related ?? [],
    fixes: f.fixes ?? [],
    suggestions: f.suggestions ?? [],
  }))
}
