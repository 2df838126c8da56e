/**
 * How long a view animation runs: `ms`, or 0 when the user asks for reduced motion (WCAG 2.3.3).
 * Read at the moment of the animation, so a change of the system setting applies at once.
 */
export function motionDuration(ms: number): number {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return ms
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : ms
}
