import { spawnSync } from 'node:child_process'

/**
 * Tests that run `node bin/idtopo.js` or `bin/sandbox.js` test the compiled entries, as users run
 * them: build once before them (bin/compiled.js would otherwise compile on first use, and two test
 * files at once would race to write dist-cli/).
 */
export default function setup(): void {
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.cli.config.ts'],
    { stdio: 'inherit' },
  )
  if (build.status !== 0) throw new Error('vite build of the CLI failed (vite.cli.config.ts)')
}
