import { spawnSync } from 'node:child_process'

/**
 * Tests that run `node bin/idtopo.js` test the compiled CLI, as users run it: build it once
 * before them (bin/idtopo.js would otherwise compile on first use, and two test files at once
 * would race to write dist-cli/).
 */
export default function setup(): void {
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts'],
    { stdio: 'inherit' },
  )
  if (build.status !== 0) throw new Error('vite build of the CLI failed (vite.cli.config.ts)')
}
