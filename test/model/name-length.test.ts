import { describe, expect, it } from 'vitest'
import { applyEdits } from '@/model/edits.ts'
import { parseDesign } from '@/model/parse.ts'
import { validateName } from '@/ui/inspector/validation.ts'
import { design } from '../support/builder.ts'

/**
 * PRODUCT.md §4: a name is 1–128 characters. The file format counts characters (an emoji is
 * one), so a name a file may hold must also be one the designer's fields and edits accept.
 */
const emoji = (n: number): string => '😀'.repeat(n)
const fileTakes = (name: string): boolean =>
  parseDesign({ format: 'identity-topology', version: 1, name, nodes: [], edges: [] }).ok
const renameTakes = (name: string): boolean =>
  applyEdits(design().build(), [{ type: 'renameDesign', name }]).ok
const fieldTakes = (name: string): boolean => validateName(name) === undefined

describe('a name of 1–128 characters', () => {
  it('holds 128 characters outside the Basic Multilingual Plane (256 UTF-16 units) everywhere', () => {
    const name = emoji(128)
    expect(name.length).toBe(256)
    expect([fileTakes(name), renameTakes(name), fieldTakes(name)]).toEqual([true, true, true])
  })

  it('is refused at 129 characters everywhere', () => {
    for (const name of [emoji(129), 'x'.repeat(129)])
      expect([fileTakes(name), renameTakes(name), fieldTakes(name)]).toEqual([false, false, false])
  })
})
