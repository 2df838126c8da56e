import type { Position } from '../../model/types.ts'

/** The first spot at or below `at` not already taken by a node, so repeated adds do not stack. */
export function freeSpot(nodes: readonly { position?: Position }[], at: Position): Position {
  const start = { x: at.x - 110, y: at.y - 40 }
  let y = start.y
  for (let tries = 0; tries < 50; tries++) {
    const taken = nodes.some(
      (n) => n.position && Math.abs(n.position.x - start.x) < 60 && Math.abs(n.position.y - y) < 60,
    )
    if (!taken) break
    y += 100
  }
  return { x: start.x, y }
}
