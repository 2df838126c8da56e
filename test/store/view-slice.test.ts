import { describe, expect, it } from 'vitest'
import { FOCUS_TRAIL_LENGTH } from '@/store/view-slice.ts'
import { design } from '../support/builder.ts'
import { testStore } from './helpers.ts'

describe('focus on a neighbourhood', () => {
  const chain = design()
  for (let i = 0; i < 8; i++) chain.app(`n${i}`)
  const view = (store: ReturnType<typeof testStore>['store']) => {
    const { neighbourhood, focusTrail } = store.getState()
    return { neighbourhood, focusTrail }
  }

  it('keeps each earlier focus as a step back, and goes back to one', () => {
    const { store } = testStore(chain.build())
    const { showNeighbourhood } = store.getState()
    showNeighbourhood('n0')
    expect(view(store)).toEqual({ neighbourhood: 'n0', focusTrail: [] })
    showNeighbourhood('n1')
    showNeighbourhood('n2')
    expect(view(store)).toEqual({ neighbourhood: 'n2', focusTrail: ['n0', 'n1'] })
    // Back to the first: the steps after it go.
    showNeighbourhood('n0')
    expect(view(store)).toEqual({ neighbourhood: 'n0', focusTrail: [] })
    showNeighbourhood('n3')
    expect(view(store)).toEqual({ neighbourhood: 'n3', focusTrail: ['n0'] })
  })

  it(`keeps the last ${FOCUS_TRAIL_LENGTH} steps of a long walk`, () => {
    const { store } = testStore(chain.build())
    for (let i = 0; i < 8; i++) store.getState().showNeighbourhood(`n${i}`)
    expect(view(store)).toEqual({ neighbourhood: 'n7', focusTrail: ['n3', 'n4', 'n5', 'n6'] })
  })

  it('forgets the trail with the whole design, and when another design opens', () => {
    const { store } = testStore(chain.build())
    const { showNeighbourhood } = store.getState()
    showNeighbourhood('n0')
    showNeighbourhood('n1')
    showNeighbourhood(null)
    expect(view(store)).toEqual({ neighbourhood: null, focusTrail: [] })
    showNeighbourhood('n2')
    expect(view(store)).toEqual({ neighbourhood: 'n2', focusTrail: [] })
    showNeighbourhood('n3')
    store.getState().loadDesign(chain.build())
    expect(view(store)).toEqual({ neighbourhood: null, focusTrail: [] })
  })

  it("asks the canvas to frame the focused node's neighbourhood around it", () => {
    const { store } = testStore(chain.build())
    const { showNeighbourhood } = store.getState()
    const before = store.getState().viewCommand.seq
    showNeighbourhood('n0')
    expect(store.getState().viewCommand).toEqual({ seq: before + 1, around: 'n0' })
    // The whole design again: a plain fit.
    showNeighbourhood(null)
    expect(store.getState().viewCommand).toEqual({ seq: before + 2 })
  })
})
