#!/usr/bin/env node
// `npm test`: the type check, the linter and every test suite (unit, component, end-to-end in
// headless Chromium), then one summary line `N passed, N failed` that CI reads. The type check and
// the linter count as one check each. Extra arguments go to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const args = process.argv.slice(2)
let passed = 0
let failed = 0

function step(title, command, commandArgs) {
  process.stdout.write(`\n▶ ${title}\n`)
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', shell: false })
  return result.status === 0
}

function check(title, command, commandArgs) {
  if (step(title, command, commandArgs)) passed++
  else {
    failed++
    process.stdout.write(`✖ ${title} failed\n`)
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
if (args.length === 0) {
  check('Type check (tsc)', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit'])
  check('Lint (eslint)', npx, ['eslint', '.', '--max-warnings', '0'])
}

mkdirSync('.tmp', { recursive: true })
const report = '.tmp/vitest-report.json'
rmSync(report, { force: true })
const ok = step('Tests (vitest: node, jsdom and Chromium end-to-end)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...args,
])
try {
  const json = JSON.parse(readFileSync(report, 'utf8'))
  passed += json.numPassedTests
  failed += json.numFailedTests
  // A suite that fails to load has no tests to count: count it as a failure.
  const broken = json.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length
  failed += broken
  if (!ok && json.numFailedTests === 0 && broken === 0) failed++
} catch {
  failed++
  process.stdout.write('✖ vitest wrote no report\n')
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
process.exit(failed > 0 ? 1 : 0)
