import { layerViolation } from './layers.mjs'

/**
 * `local/layer-imports`: every import inside src/ goes down the layer order of layers.json
 * (ARCHITECTURE.md), static, re-exported or dynamic. ESLint's own no-restricted-imports matches
 * specifier text, which cannot tell src/apply from src/store/apply; this resolves the path.
 */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer order of eslint-rules/layers.json' },
    schema: [],
    messages: { layer: '{{why}}' },
  },
  create(context) {
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string') return
      const why = layerViolation(context.filename, source.value, typeOnly)
      if (why) context.report({ node: source, messageId: 'layer', data: { why } })
    }
    const onlyTypes = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 &&
        node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'))
    return {
      ImportDeclaration: (node) => check(node, node.source, onlyTypes(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, onlyTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
    }
  },
}
