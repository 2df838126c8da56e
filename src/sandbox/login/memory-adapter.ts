/**
 * oidc-provider's storage for sessions, codes, grants and tokens, kept in memory for the life of
 * the sandbox server (like the emulated world). One store per server, so two sandboxes in one
 * process (tests) never see each other's sessions.
 */
interface Entry {
  readonly payload: Record<string, unknown>
  readonly expiresAt: number
}

export type AdapterFactory = (model: string) => MemoryAdapter

export function memoryAdapter(now: () => number = Date.now): AdapterFactory {
  const entries = new Map<string, Entry>()
  const byUid = new Map<string, string>()
  const byGrant = new Map<string, Set<string>>()
  return (model) => new MemoryAdapter(model, { entries, byUid, byGrant, now })
}

interface Store {
  readonly entries: Map<string, Entry>
  readonly byUid: Map<string, string>
  readonly byGrant: Map<string, Set<string>>
  readonly now: () => number
}

export class MemoryAdapter {
  private readonly model: string
  private readonly store: Store

  constructor(model: string, store: Store) {
    this.model = model
    this.store = store
  }

  private key(id: string): string {
    return `${this.model}:${id}`
  }

  async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
    const key = this.key(id)
    const expiresAt =
      typeof expiresIn === 'number' ? this.store.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY
    this.store.entries.set(key, { payload, expiresAt })
    if (this.model === 'Session' && typeof payload.uid === 'string')
      this.store.byUid.set(payload.uid, id)
    if (typeof payload.grantId === 'string') {
      const members = this.store.byGrant.get(payload.grantId) ?? new Set<string>()
      members.add(key)
      this.store.byGrant.set(payload.grantId, members)
    }
  }

  async find(id: string): Promise<Record<string, unknown> | undefined> {
    const key = this.key(id)
    const entry = this.store.entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.store.now()) {
      this.store.entries.delete(key)
      return undefined
    }
    return entry.payload
  }

  async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
    const id = this.store.byUid.get(uid)
    return id === undefined ? undefined : this.find(id)
  }

  async findByUserCode(): Promise<undefined> {
    return undefined
  }

  /**
   * Marks a code or token used. Refresh tokens are not: Entra gives a new refresh token on every
   * use and "doesn't revoke old refresh tokens when used to fetch new access tokens" (Microsoft
   * Learn, "Refresh tokens in the Microsoft identity platform"), so two renewals racing with the
   * same refresh token both succeed there. oidc-provider would otherwise treat the second as
   * reuse of a stolen token and revoke the whole grant, which Entra never does.
   */
  async consume(id: string): Promise<void> {
    if (this.model === 'RefreshToken') return
    const entry = this.store.entries.get(this.key(id))
    if (entry) entry.payload.consumed = Math.floor(this.store.now() / 1000)
  }

  async destroy(id: string): Promise<void> {
    this.store.entries.delete(this.key(id))
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.byGrant.get(grantId) ?? []) this.store.entries.delete(key)
    this.store.byGrant.delete(grantId)
  }
}
