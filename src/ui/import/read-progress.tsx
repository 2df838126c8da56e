import type { ReadProgress } from '../../import/read-estate.ts'

/** Progress of a group read: a bar, what is being read, and a way to stop. */
export function ReadProgressBar(props: { progress: ReadProgress | null; onCancel: () => void }) {
  const { progress } = props
  return (
    <div className="read-progress" role="status">
      <progress
        aria-label="Reading the group"
        value={progress?.done ?? 0}
        max={progress?.total ?? 1}
      />
      <span>{progress ? `Read ${progress.label}…` : 'Reading the group…'}</span>
      <button type="button" className="button small" onClick={props.onCancel}>
        Stop reading
      </button>
    </div>
  )
}
