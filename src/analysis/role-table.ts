import { ALL_ROLES, resolveRole, roleKey, type RoleFact, type RoleRef } from '../catalog/roles.ts'

/** One RoleRef per built-in role, made once from the catalog: equal roles are the same object. */
const BUILTIN: ReadonlyMap<RoleFact, RoleRef> = new Map(
  ALL_ROLES.map((fact) => [fact, { kind: 'builtin', fact } as const]),
)

/**
 * The distinct role texts of one design, numbered in order of first use, each with its RoleRef
 * and the number of its key: a built-in role's name and its GUID (any case), or one custom GUID
 * in two cases, are two texts and one key (PRODUCT.md §4 "Roles").
 */
export class RoleTable {
  /** By role number. */
  readonly refs: RoleRef[] = []
  readonly keyOf: number[] = []
  /** A one-element list per role, shared by every edge that carries only that role. */
  readonly only: (readonly RoleRef[])[] = []
  /** By key number: the roleKey text. */
  readonly keys: string[] = []
  private readonly byText = new Map<string, number>()
  private readonly byKey = new Map<string, number>()

  /** The number of a role text (numbered on first sight). */
  number(text: string): number {
    const known = this.byText.get(text)
    if (known !== undefined) return known
    const resolved = resolveRole(text)
    const ref = resolved.kind === 'builtin' ? (BUILTIN.get(resolved.fact) ?? resolved) : resolved
    const key = roleKey(ref)
    let k = this.byKey.get(key)
    if (k === undefined) {
      k = this.keys.length
      this.byKey.set(key, k)
      this.keys.push(key)
    }
    const n = this.refs.length
    this.byText.set(text, n)
    this.refs.push(ref)
    this.keyOf.push(k)
    this.only.push([ref])
    return n
  }

  /** By key number: the RoleRef of the first role text with that key. */
  refsByKey(): RoleRef[] {
    const out = new Array<RoleRef>(this.keys.length)
    for (let n = this.refs.length - 1; n >= 0; n--)
      out[this.keyOf[n] as number] = this.refs[n] as RoleRef
    return out
  }

  /**
   * Whether `test` holds, by role number: a rule decides each distinct role of a design once,
   * then reads one byte per role on each edge.
   */
  where(test: (role: RoleRef) => boolean): Uint8Array {
    const out = new Uint8Array(this.refs.length)
    this.refs.forEach((ref, n) => {
      if (test(ref)) out[n] = 1
    })
    return out
  }
}
