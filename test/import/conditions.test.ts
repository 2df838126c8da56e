import { describe, expect, it } from 'vitest'
import { adoptUnmanaged } from '@/import/adopt.ts'
import { buildImportedDesign } from '@/import/build-design.ts'
import { computeDrift, driftKey } from '@/import/drift.ts'
import { readEstate } from '@/import/read-estate.ts'
import { readLive } from '@/import/read-live.ts'
import {
  BLOB_READER,
  LOGS,
  LOGSTORE as STORE,
  logsDesign as design,
  READERS,
  roleId,
  seedLogstore,
} from '../support/conditional-access.ts'
import { inPageWorld, SUB, TARGET } from '../apply/support.ts'

const RG = 'sandbox-rg'
const BLOB_CONTRIBUTOR = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
const WRITERS = '5a1e0000-0000-4000-8000-00000000beef'
const UPLOADS =
  "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'uploads'"

/**
 * In Azure: the readers group holds Storage Blob Data Reader on the account only for container
 * `logs`; the writers group, outside the design, Storage Blob Data Contributor only for `uploads`.
 */
async function world() {
  const w = inPageWorld()
  seedLogstore(w.sandbox)
  await w.gateway.createRoleAssignment(STORE, '0c0c0c0c-0000-4000-8000-000000000001', {
    roleDefinitionId: roleId(BLOB_READER),
    principalId: READERS,
    principalType: 'Group',
    condition: LOGS,
  })
  await w.gateway.createRoleAssignment(STORE, '0c0c0c0c-0000-4000-8000-000000000002', {
    roleDefinitionId: roleId(BLOB_CONTRIBUTOR),
    principalId: WRITERS,
    principalType: 'Group',
    condition: UPLOADS,
    conditionVersion: '2.0',
  })
  return w
}

const readersNote = `Storage Blob Data Reader at ${STORE}: held by principal ${READERS} only where its condition holds, narrower than an access edge can show (not drawn). Its condition (version 2.0): ${LOGS}`
const writersNote = `Storage Blob Data Contributor at ${STORE}: held by principal ${WRITERS} only where its condition holds, narrower than an access edge can show (not drawn). Its condition (version 2.0): ${UPLOADS}`

describe('role assignments with an ABAC condition', () => {
  it('are read with their condition, and import notes them instead of drawing a grant of the whole account', async () => {
    const w = await world()
    const estate = await readEstate(w.gateway, SUB, RG)
    expect(
      estate.assignments
        .filter((a) => a.scope === STORE)
        .map((a) => [a.principalId, a.condition, a.conditionVersion]),
    ).toEqual([
      [READERS, LOGS, '2.0'],
      [WRITERS, UPLOADS, '2.0'],
    ])
    const { design: imported, notes } = await buildImportedDesign(estate)
    expect(imported.nodes.filter((n) => n.kind === 'developer')).toEqual([])
    expect(imported.edges.filter((e) => e.kind === 'access')).toEqual([])
    expect(notes.filter((n) => n.includes('condition'))).toEqual([readersNote, writersNote])
  })

  it('drift: the design’s grant held only under a condition is missing, with the condition; another one is unmanaged with its own; adopting it draws nothing', async () => {
    const w = await world()
    const live = await readLive(w.gateway, SUB, RG)
    const drift = computeDrift(design, live, TARGET)
    if (!drift.ok) throw new Error('bind')
    const missing = { scope: STORE, roleDefinitionId: roleId(BLOB_READER), principalId: READERS }
    const unmanaged = {
      scope: STORE,
      roleDefinitionId: roleId(BLOB_CONTRIBUTOR),
      principalId: WRITERS,
    }
    expect(drift.value).toEqual({
      missing: [missing],
      unmanaged: [unmanaged],
      orphaned: [],
      conditions: { [driftKey(missing)]: LOGS, [driftKey(unmanaged)]: UPLOADS },
    })
    const adopted = adoptUnmanaged(design, live, TARGET, drift.value.unmanaged)
    if (!adopted.ok) throw new Error('bind')
    expect(adopted.value).toEqual({ edits: [], notes: [writersNote] })
  })
})
