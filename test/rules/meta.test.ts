import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RULES, ruleById } from '@/rules/registry.ts'

const defs = fileURLToPath(new URL('../../src/rules/defs/', import.meta.url))
const tests = fileURLToPath(new URL('./defs/', import.meta.url))

/** PRODUCT.md §5: id, default severity and subject of every rule, in the contract's order. */
const CONTRACT = [
  ['missing-identity', 'error', 'access edge'],
  ['identity-not-on-app', 'error', 'access edge'],
  ['ambiguous-identity', 'warning', 'access edge'],
  ['shared-identity-overgrant', 'warning', 'identity'],
  ['identical-access-share-identity', 'info', 'identity'],
  ['unused-identity', 'warning', 'identity'],
  ['privileged-role', 'error', 'access edge'],
  ['key-exposing-role', 'warning', 'access edge'],
  ['role-not-for-service', 'error', 'access edge'],
  ['unknown-role', 'error', 'access edge'],
  ['broad-scope', 'warning', 'access edge'],
  ['redundant-role', 'info', 'access edge'],
  ['non-rbac-grant', 'info', 'access edge'],
  ['keyvault-access-policy', 'warning', 'service'],
  ['hosting-identity-unsupported', 'error', 'app'],
  ['developer-access-missing', 'info', 'service'],
  ['developer-prefer-group', 'info', 'developer'],
  ['duplicate-access', 'warning', 'access edge'],
  ['role-assignment-limit', 'warning', 'design'],
] as const

describe('rule registry (meta)', () => {
  it('registers every contract rule, in contract order, with its severity and subject', () => {
    expect(RULES.map((r) => [r.meta.id, r.meta.severity, r.meta.subject])).toEqual(CONTRACT)
  })

  it('has one file per rule, named by its id, and nothing unregistered', () => {
    const files = readdirSync(defs)
    const modules = files.filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3))
    expect(modules.sort()).toEqual(RULES.map((r) => r.meta.id).sort())
    for (const id of modules) expect(ruleById(id)?.meta.id).toBe(id)
  })

  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s is documented and tested', (id, rule) => {
    const doc = readFileSync(`${defs}${id}.md`, 'utf8')
    expect(doc.startsWith(`# ${id}\n`)).toBe(true)
    for (const section of ['## Synopsis', '## Why', '## Example', '## How to fix', '## Links'])
      expect(doc, `${id}.md lacks ${section}`).toContain(section)
    // The header agrees with the rule's metadata: default severity first, quick fix or not.
    const header = /^\*\*Severity:\*\* (\w+).*\*\*Quick fix:\*\* (.+)$/m.exec(doc)
    expect(header?.[1], `${id}.md severity`).toBe(rule.meta.severity)
    expect(header?.[2] !== 'no', `${id}.md quick fix`).toBe(rule.meta.hasFixes)
    expect(doc, `${id}.md links its learnMore page`).toContain(
      `(${rule.meta.learnMore.split('#')[0]}`,
    )
    expect(doc).toMatch(/\]\(https:\/\/learn\.microsoft\.com\//)
    expect(rule.meta.learnMore).toMatch(/^https:\/\/learn\.microsoft\.com\//)
    expect(rule.meta.description.length).toBeGreaterThan(10)
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0)
    expect(existsSync(`${tests}${id}.test.ts`), `test/rules/defs/${id}.test.ts`).toBe(true)
    const test = readFileSync(`${tests}${id}.test.ts`, 'utf8')
    expect(test).toContain('testRule(')
  })
})
