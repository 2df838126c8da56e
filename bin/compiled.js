// Runs an entry of the compiled command line (dist-cli/, built by `npm run build:cli`, which
// `npm install` runs through `prepare`): `idtopo` (bin/idtopo.js) and the HTTPS sandbox
// (`npm run sandbox`, bin/sandbox.js). In a checkout where src/ changed since that build, it
// compiles again first (a couple of seconds), so a command never runs stale code.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

function newestSource() {
  const src = `${root}src`
  if (!existsSync(src)) return 0
  let newest = 0
  for (const file of readdirSync(src, { recursive: true })) {
    const mtime = statSync(`${src}/${file}`).mtimeMs
    if (mtime > newest) newest = mtime
  }
  return newest
}

/** Imports dist-cli/<entry>.mjs, compiling first when it is missing or older than src/. */
export async function runCompiled(entry) {
  const built = `${root}dist-cli/${entry}.mjs`
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource()) {
    process.stderr.write(`${entry}: compiling (src/ changed since it was built)…\n`)
    const vite = `${root}node_modules/vite/bin/vite.js`
    const build = existsSync(vite)
      ? spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts'], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
        })
      : { status: 1 }
    if (build.status !== 0) {
      process.stderr.write(
        `${entry}: could not compile it: run \`npm install\`, then \`npm run build:cli\`.\n`,
      )
      process.exit(2)
    }
  }
  await import(new URL(`../dist-cli/${entry}.mjs`, import.meta.url).href)
}
