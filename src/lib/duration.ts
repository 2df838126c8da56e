/**
 * How long something took, for a person: `38 ms` under a second, `4.2 s` under a minute,
 * `2 min 05 s` from a minute on. Each form is rounded as it is shown, so a time that rounds up to
 * the next form is shown in it (999.6 ms is `1.0 s`, 59 950 ms is `1 min 00 s`).
 */
export function formatDuration(ms: number): string {
  const millis = Math.round(Math.max(0, ms))
  if (millis < 1000) return `${millis} ms`
  const tenths = Math.round(millis / 100)
  if (tenths < 600) return `${(tenths / 10).toFixed(1)} s`
  const seconds = Math.round(millis / 1000)
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`
}
