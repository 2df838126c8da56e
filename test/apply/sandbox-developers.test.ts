import { describe, expect, it } from 'vitest'
import { sandboxDeveloperIds } from '@/apply/sandbox-developers.ts'
import { design } from '../support/builder.ts'

describe('sandboxDeveloperIds', () => {
  it('gives each developer without an object id a stable made-up one (UUID v5 of design and node)', () => {
    const d = design().named('Contoso').developer('devs').developer('me', 'user').build()
    expect(sandboxDeveloperIds(d).devs).toBe('f7bb8692-39e9-5432-a10b-15c6c540e867')
    expect(Object.keys(sandboxDeveloperIds(d))).toEqual(['devs', 'me'])
  })

  it('takes a design name with a lone surrogate (uuid’s own encoding throws URIError on it)', () => {
    const d = design().named('\uD800 x').developer('devs').build()
    expect(sandboxDeveloperIds(d)).toEqual({ devs: '81cb86d1-8a2c-5129-b1ae-629516c68945' })
  })
})
