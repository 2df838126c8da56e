#!/usr/bin/env node
// `npm test`: the type check, the linter and every test suite (unit, component, end-to-end in
// headless Chromium), then one summary line `N passed, N failed` that CI reads. The type check and
// the linter count as one check each. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { relative } from 'node:path'

const args = process.argv.slice(2)
let passed = 0
let failed = 0
/** Each failed test or check, named again just before the summary (CI shows the end of the log). */
const failures = []

function step(title, command, commandArgs) {
  process.stdout.write(`\n▶ ${title}\n`)
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: false })
  return result.status === 0
}

function check(title, command, commandArgs) {
  if (step(title, command, commandArgs)) passed++
  else {
    failed++
    failures.push(title)
    process.stdout.write(`✖ ${title} failed\n`)
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
if (args.length === 0) {
  check('Type check (tsc)', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit'])
  check('Lint (eslint)', npx, ['eslint', '.', '--max-warnings', '0'])
}

mkdirSync('.tmp', { recursive: true })

/** Runs vitest with a JSON report and adds its counts; a suite that fails to load counts as failed. */
function vitest(title, name, vitestArgs, env = process.env) {
  const report = `.tmp/vitest-${name}.json`
  rmSync(report, { force: true })
  process.stdout.write(`\n▶ ${title}\n`)
  const result = spawnSync(
    npx,
    [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...vitestArgs,
    ],
    { stdio: 'inherit', shell: false, env },
  )
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'))
    passed += json.numPassedTests
    failed += json.numFailedTests
    for (const file of json.testResults) {
      const where = relative(process.cwd(), file.name)
      for (const test of file.assertionResults)
        if (test.status === 'failed')
          failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`)
      if (file.status === 'failed' && file.assertionResults.length === 0)
        failures.push(`${where} did not load: ${firstLine(file.message)}`)
    }
    const broken = json.testResults.filter(
      (r) => r.status === 'failed' && r.assertionResults.length === 0,
    ).length
    failed += broken
    if (result.status !== 0 && json.numFailedTests === 0 && broken === 0) {
      failed++
      failures.push(`${title}: vitest exited with ${result.status} and no failed test`)
    }
  } catch {
    failed++
    failures.push(`${title}: vitest wrote no report`)
    process.stdout.write(`✖ ${title}: vitest wrote no report\n`)
  }
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes in vitest's messages
const COLOUR = /\u001b\[[0-9;]*m/g

/** A failure message's first line, without colour codes, for the list before the summary. */
function firstLine(text) {
  return String(text ?? '')
    .replace(COLOUR, '')
    .split('\n')[0]
    .slice(0, 300)
}

vitest('Tests (vitest: node, jsdom and Chromium end-to-end)', 'report', args)

// CI sets IDTOPO_E2E_BUNDLED_PASS=1: the end-to-end tests once more with the system Chromium
// hidden, on the one inside npm (@sparticuz/chromium), as on a machine with nothing but Node.
if (process.env.IDTOPO_E2E_BUNDLED_PASS === '1' && args.length === 0)
  vitest(
    'End-to-end again with the npm Chromium (system Chromium hidden)',
    'bundled',
    ['--project', 'e2e'],
    {
      ...process.env,
      IDTOPO_CHROMIUM: 'bundled',
      E2E_SKIP_BUILD: '1',
    },
  )

if (failures.length > 0)
  process.stdout.write(
    `\nFailed (${failures.length}):\n${failures.map((f) => `  ✖ ${f}`).join('\n')}\n`,
  )
process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed > 0 ? 1 : 0)
