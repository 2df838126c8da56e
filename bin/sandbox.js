#!/usr/bin/env node
// `npm run sandbox`: the HTTPS ARM emulator, compiled like idtopo (bin/compiled.js).
import { runCompiled } from './compiled.js'

await runCompiled('sandbox')
