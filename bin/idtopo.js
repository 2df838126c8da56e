#!/usr/bin/env node
// idtopo, compiled (bin/compiled.js says how and when).
import { runCompiled } from './compiled.js'

await runCompiled('idtopo')
