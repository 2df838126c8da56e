import { describe, expect, it } from 'vitest'
import { serviceAccountNameProblem } from '@/catalog/workload-identity.ts'

describe('serviceAccountNameProblem (Kubernetes DNS-1123 subdomain)', () => {
  it('takes lower-case letters, digits, "-" and ".", starting and ending with a letter or digit', () => {
    for (const name of ['orders-worker', 'a', 'web.v2', '0-sync-9', 'x'.repeat(253)])
      expect(serviceAccountNameProblem(name), name).toBeUndefined()
  })

  it('says why a name cannot be a service account’s', () => {
    const words =
      'only lower-case letters, digits, "-" and ".", starting and ending with a letter or digit'
    expect(
      ['Orders API', 'orders_worker', '-sync', 'sync-', '', 'ünï', 'a\nb'].map((n) =>
        serviceAccountNameProblem(n),
      ),
    ).toEqual(Array(7).fill(words))
    expect(serviceAccountNameProblem('x'.repeat(254))).toBe('more than 253 characters')
  })
})
