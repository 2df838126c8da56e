// What the domain suite measures, as one entry that bench/compiled.ts compiles the way the CLI
// and the web app ship (vite, no development transform).
export { applyEdits } from '../src/model/edits.ts'
export { formatSize } from '../src/model/limits.ts'
export { parseDesign } from '../src/model/parse.ts'
export { serializeDesign } from '../src/model/serialize.ts'
export { optimizeIdentities } from '../src/optimize/optimize.ts'
export { derivePlan } from '../src/plan/derive.ts'
export { checkDesign, runCheck } from '../src/rules/engine.ts'
export { IncrementalChecker } from '../src/rules/incremental.ts'
