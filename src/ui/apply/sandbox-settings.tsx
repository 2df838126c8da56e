import { useApply } from './apply-context.tsx'

/** Faults to try apply against: latency, ARM's write and delete throttling, server errors, resets, 403 scopes. */
export function SandboxSettings() {
  const faults = useApply((s) => s.sandboxFaults)
  const setFaults = useApply((s) => s.setSandboxFaults)
  const reset = useApply((s) => s.resetSandbox)
  if (!faults) return null
  const num = (value: string, fallback: number): number =>
    Number.isFinite(Number(value)) ? Number(value) : fallback
  return (
    <details className="sandbox-settings">
      <summary>Sandbox settings and faults</summary>
      <div className="fault-grid">
        <label className="field">
          <span>Latency (ms)</span>
          <input
            type="number"
            min={0}
            value={faults.latency.fixedMs}
            onChange={(e) => setFaults({ latency: { fixedMs: num(e.target.value, 0) } })}
          />
        </label>
        <label className="field">
          <span>Jitter (ms)</span>
          <input
            type="number"
            min={0}
            value={faults.latency.jitterMs}
            onChange={(e) => setFaults({ latency: { jitterMs: num(e.target.value, 0) } })}
          />
        </label>
        <label className="field checkbox">
          <input
            type="checkbox"
            checked={faults.throttle.enabled}
            onChange={(e) => setFaults({ throttle: { enabled: e.target.checked } })}
          />
          <span>
            ARM write and delete throttling ({faults.throttle.capacity} writes,{' '}
            {faults.throttle.refillPerSecond}/s; {faults.deleteThrottle.capacity} deletes,{' '}
            {faults.deleteThrottle.refillPerSecond}/s)
          </span>
        </label>
        <label className="field">
          <span>Server errors (% of requests)</span>
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(faults.serverErrors.rate * 100)}
            onChange={(e) => setFaults({ serverErrors: { rate: num(e.target.value, 0) / 100 } })}
          />
        </label>
        <label className="field">
          <span>Connection resets (% of requests)</span>
          <input
            type="number"
            min={0}
            max={100}
            value={Math.round(faults.resets.rate * 100)}
            onChange={(e) => setFaults({ resets: { rate: num(e.target.value, 0) / 100 } })}
          />
        </label>
        <label className="field wide">
          <span>Scopes refusing role assignment writes (one ARM id per line)</span>
          <textarea
            rows={2}
            value={faults.forbiddenScopes.join('\n')}
            onChange={(e) =>
              setFaults({
                forbiddenScopes: e.target.value
                  .split('\n')
                  .map((l) => l.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
      </div>
      <button type="button" className="button small danger" onClick={reset}>
        Reset the sandbox
      </button>
      <span className="muted"> Deletes every identity and role assignment made in it.</span>
    </details>
  )
}
