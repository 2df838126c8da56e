import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { nodeIO, wantsColor } from '@/cli/node-io.ts'

describe('nodeIO.unwritable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idtopo-io-'))

  it('says why a file cannot be written, and nothing when it can', async () => {
    writeFileSync(join(dir, 'old.json'), '{}')
    mkdirSync(join(dir, 'folder'))
    expect(await nodeIO.unwritable(join(dir, 'new.json'))).toBeUndefined()
    expect(await nodeIO.unwritable(join(dir, 'old.json'))).toBeUndefined()
    expect(await nodeIO.unwritable(join(dir, 'no-such-folder', 'r.json'))).toBe('ENOENT')
    expect(await nodeIO.unwritable(join(dir, 'folder'))).toBe('EISDIR')
  })

  it.skipIf(process.getuid?.() === 0)('says EACCES for a folder it may not write in', async () => {
    const locked = join(dir, 'locked')
    mkdirSync(locked)
    chmodSync(locked, 0o500)
    expect(await nodeIO.unwritable(join(locked, 'r.json'))).toBe('EACCES')
  })
})

describe('wantsColor', () => {
  it('colours a terminal, unless NO_COLOR is set or TERM is dumb', () => {
    expect(wantsColor(true, { TERM: 'xterm-256color' })).toBe(true)
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(true)
    expect(wantsColor(undefined, {})).toBe(false)
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false)
    expect(wantsColor(true, { TERM: 'dumb' })).toBe(false)
  })
})
