import type { Design } from '../../model/types.ts'
import { analyze } from '../../store/derived.ts'
import type { Tone } from './flow-elements.ts'

/** The findings tone of each node and edge (error beats warning), from the memoized analysis. */
export function tones(design: Design): (id: string) => Tone {
  const { bySubject } = analyze(design)
  return (id) => {
    const list = bySubject.get(id)
    if (!list) return ''
    if (list.some((f) => f.severity === 'error')) return 'has-error'
    return list.some((f) => f.severity === 'warning') ? 'has-warning' : ''
  }
}
