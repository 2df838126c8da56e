import { describe, expect, it } from 'vitest'
import { SERVICES } from '@/catalog/services.ts'
import { planConnection } from '@/model/connect.ts'
import { design } from '../support/builder.ts'

const facts = { defaultRole: (s: keyof typeof SERVICES) => SERVICES[s].defaultRole }

describe('planConnection', () => {
  const base = () =>
    design()
      .app('api')
      .app('web', { systemAssigned: true })
      .identity('mi')
      .service('st', 'storage')
      .service('kv', 'keyVault')
      .developer('devs')

  it('app → identity makes an attach edge', () => {
    const r = planConnection(base().build(), 'api', 'mi', facts)
    expect(r).toEqual({
      ok: true,
      value: { id: 'api-mi', kind: 'attach', source: 'api', target: 'mi' },
    })
  })

  it('reads a gesture drawn backwards the right way round', () => {
    const r = planConnection(base().build(), 'mi', 'api', facts)
    expect(r.ok && r.value).toMatchObject({ kind: 'attach', source: 'api', target: 'mi' })
    const s = planConnection(base().build(), 'st', 'devs', facts)
    expect(s.ok && s.value).toMatchObject({ kind: 'access', source: 'devs', target: 'st' })
  })

  it('app → service gets the least-privilege default role, and no via without an identity', () => {
    const r = planConnection(base().build(), 'api', 'st', facts)
    expect(r.ok && r.value).toEqual({
      id: 'api-st',
      kind: 'access',
      source: 'api',
      target: 'st',
      roles: ['Storage Blob Data Reader'],
    })
  })

  it('sets via when the app has exactly one identity', () => {
    const sys = planConnection(base().build(), 'web', 'kv', facts)
    expect(sys.ok && sys.value).toMatchObject({ via: 'system', roles: ['Key Vault Secrets User'] })
    const ua = planConnection(base().attach('api', 'mi').build(), 'api', 'st', facts)
    expect(ua.ok && ua.value).toMatchObject({ via: 'mi' })
  })

  it('leaves via empty when the app has several identities (the rules ask which)', () => {
    const r = planConnection(base().attach('web', 'mi').build(), 'web', 'st', facts)
    expect(r.ok && 'via' in r.value).toBe(false)
  })

  it('developer → service has no via', () => {
    const r = planConnection(base().build(), 'devs', 'kv', facts)
    expect(r.ok && r.value).toEqual({
      id: 'devs-kv',
      kind: 'access',
      source: 'devs',
      target: 'kv',
      roles: ['Key Vault Secrets User'],
    })
  })

  it.each([
    ['mi', 'st', /identity does not access a service by itself/],
    ['devs', 'mi', /Developers sign in as themselves/],
    ['devs', 'api', /developer connects to services, not to apps/],
    ['api', 'web', /Two apps cannot be connected/],
    ['st', 'kv', /Two services cannot be connected/],
    ['api', 'api', /cannot connect to itself/],
    ['api', 'nope', /no longer exists/],
  ])('refuses %s → %s with a reason', (from, to, reason) => {
    const r = planConnection(base().build(), from, to, facts)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(reason)
  })

  it('refuses a second edge between the same nodes', () => {
    const d = base().attach('api', 'mi').access('devs', 'st', ['Storage Blob Data Reader']).build()
    const a = planConnection(d, 'api', 'mi', facts)
    expect(!a.ok && a.error).toMatch(/already uses/)
    const b = planConnection(d, 'devs', 'st', facts)
    expect(!b.ok && b.error).toMatch(/already accesses st: select that connection/)
  })

  it('picks a fresh id when the natural one is taken', () => {
    const d = base().identity('api-st').build()
    const r = planConnection(d, 'api', 'st', facts)
    expect(r.ok && r.value.id).toBe('api-st-2')
  })
})
