import { err, ok, type Result } from '../lib/result.ts'
import { DESIGN_VERSION } from './kinds.ts'
import type { Problem } from './problems.ts'

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>

/**
 * MIGRATIONS[n] lifts a version-n document to version n+1. Version 1 is the first, so there are
 * none yet; a version 2 adds `1: (doc) => …` here and bumps DESIGN_VERSION.
 */
const MIGRATIONS: Readonly<Record<number, Migration>> = {}

/** Brings a document of any supported version up to the current one, before it is validated. */
export function migrateDocument(
  doc: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current = DESIGN_VERSION,
): Result<Record<string, unknown>, Problem> {
  const version = doc.version
  if (typeof version !== 'number' || !Number.isInteger(version)) return ok(doc) // the schema reports it
  if (version > current)
    return err({
      path: 'version',
      message: `unsupported version ${version}: this tool reads versions up to ${current}; update Identity Topology Designer`,
    })
  if (version < 1) return err({ path: 'version', message: `expected 1, got the number ${version}` })
  let out = doc
  for (let v = version; v < current; v++) {
    const step = migrations[v]
    if (!step) return err({ path: 'version', message: `no migration from version ${v}` })
    out = { ...step(out), version: v + 1 }
  }
  return ok(out)
}
