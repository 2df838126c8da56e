import { describe, expect, it } from 'vitest'
import { checkDesign } from '@/rules/engine.ts'
import { design } from '../support/builder.ts'

/**
 * PRODUCT.md §5: identical-access-share-identity and developer-prefer-group report at the
 * smallest id of their group, "by ordinal string order": upper case before lower case ('B' <
 * 'a'), digits before both, whatever a locale would say.
 */
const R = ['Storage Blob Data Reader']
const subjectsOf = (rule: string, d: ReturnType<typeof design>) =>
  checkDesign(d.build())
    .filter((f) => f.rule === rule)
    .map((f) => [f.subject, f.related])

describe('the smallest id of a group is by ordinal string order', () => {
  it('identical-access-share-identity', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .app('b2', { systemAssigned: true })
      .app('B', { systemAssigned: true })
      .app('web')
      .identity('_mi')
      .attach('web', '_mi')
      .service('st', 'storage')
      .access('a', 'st', R)
      .access('b2', 'st', R)
      .access('B', 'st', R)
      .access('web', 'st', R)
    expect(subjectsOf('identical-access-share-identity', d)).toEqual([['B', ['_mi', 'a', 'b2']]])
  })

  it('developer-prefer-group', () => {
    const d = design()
      .developer('ann', 'user')
      .developer('Zoe', 'user')
      .developer('9lives', 'user')
      .service('st', 'storage')
      .access('ann', 'st', R)
      .access('Zoe', 'st', R)
      .access('9lives', 'st', R)
    expect(subjectsOf('developer-prefer-group', d)).toEqual([['9lives', ['Zoe', 'ann']]])
  })
})
