import { useState } from 'react'
import { formatProblem } from '../model/problems.ts'
import { parseDesignText } from '../model/parse.ts'
import type { Design } from '../model/types.ts'
import { checkDesign } from '../rules/engine.ts'

/** Interim page until the designer lands: open a design file, list its nodes and problems. */
export function App() {
  const [design, setDesign] = useState<Design | null>(null)
  const [problems, setProblems] = useState<string[]>([])

  async function open(file: File) {
    const parsed = parseDesignText(await file.text())
    if (parsed.ok) {
      setDesign(parsed.value)
      setProblems([])
    } else setProblems(parsed.error.map(formatProblem))
  }

  const findings = design ? checkDesign(design) : []
  return (
    <main style={{ fontFamily: 'system-ui', padding: 24 }}>
      <h1>Identity Topology Designer</h1>
      <label>
        Open design{' '}
        <input
          type="file"
          accept=".json"
          onChange={(e) => e.target.files?.[0] && void open(e.target.files[0])}
        />
      </label>
      {problems.length > 0 && (
        <ul role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {design && (
        <>
          <h2>{design.name}</h2>
          <ul>
            {design.nodes.map((n) => (
              <li key={n.id}>
                {n.kind}: {n.name}
              </li>
            ))}
          </ul>
          <h2>Problems</h2>
          <ul>
            {findings.map((f, i) => (
              <li key={i}>
                {f.rule}: {f.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  )
}
