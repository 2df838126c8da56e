// The README's command-line documentation against what the commands take: the examples name
// files that exist (or that an example before them writes), the command table lists the options
// of each command that works on a file, and the lists of bench suites and sandbox flags are whole.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from '@/cli/main.ts'

const README = readFileSync('README.md', 'utf8')

/** The `--options` a piece of text names, in order, each once. */
const optionsIn = (text: string): string[] => [...new Set(text.match(/--[a-z][a-z-]*/g) ?? [])]

/** The README's `sh` blocks, their continued lines joined. */
const shellCommands = (): string[] =>
  [...README.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]!
      .replace(/\\\n\s*/g, '')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  )

/** What the README's command table shows of each command (`rules …` / `explain RULE` are two). */
function tableEntries(): Map<string, string> {
  const cells = README.split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.slice(2).split(' | ')[0]!)
  const parts = cells.flatMap((c) => c.split(' / '))
  return new Map(parts.map((p) => [/^`([\w-]+)/.exec(p)![1]!, p]))
}

describe('the README command line', () => {
  it('runs its examples on files that exist, or that an example before writes', () => {
    const written = new Set<string>()
    const commands = shellCommands().filter((l) => /\bidtopo \w/.test(l))
    expect(commands.length).toBeGreaterThan(4)
    for (const line of commands) {
      const [, command, file] = /\bidtopo (\w+) (\S+)/.exec(line)!
      if (['check', 'plan', 'optimize', 'apply', 'drift', 'guide', 'export'].includes(command!))
        expect.soft(written.has(file!) || existsSync(file!), `${line}: no file ${file}`).toBe(true)
      const out = /--out (\S+)/.exec(line)?.[1]
      if (out) written.add(out)
    }
  })

  it('lists every option of the commands that work on a file, and none they lack', () => {
    const entries = tableEntries()
    for (const command of COMMANDS) {
      const entry = entries.get(command.name)
      expect(entry, `no row for ${command.name}`).toBeDefined()
      const usage = optionsIn(command.usage.split('\n\n')[0]!)
      // Apply, import and drift list their Azure options in the sections below the table.
      const complete = !['apply', 'import', 'drift'].includes(command.name)
      const own = optionsIn(entry!)
      if (complete) expect(own, command.name).toEqual(usage)
      else for (const option of own) expect(usage, command.name).toContain(option)
    }
  })

  it('names every bench suite', () => {
    const suites = readdirSync('bench/suites')
      .filter((f) => f.endsWith('.ts'))
      .map((f) => /name: '([^']+)'/.exec(readFileSync(`bench/suites/${f}`, 'utf8'))![1]!)
    const listed = /one suite: ([^)]*)\)/.exec(README)![1]!.match(/`[^`]+`/g)!
    expect(listed.map((s) => s.slice(1, -1)).sort()).toEqual(suites.sort())
  })

  it("shows the sandbox's options in its usage line", () => {
    const source = readFileSync('src/sandbox/server/main.ts', 'utf8')
    const usage = /Usage: npm run sandbox -- ([\s\S]*?)\n\n/.exec(source)![1]!
    // The sign-in mode's own options are documented with it.
    const options = optionsIn(usage.replace(/\[--login \[[\s\S]*\]\]/, '[--login]'))
    const line = /`npm run sandbox -- (\[--port[^`]*)`/.exec(README)![1]!
    expect(optionsIn(line)).toEqual(options)
  })
})
