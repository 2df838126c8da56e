import { IDENTITY_NAME_RULE, isIdentityName } from '../model/azure-formats.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { DesignNode } from '../model/types.ts'
import { SERVICES } from './services.ts'

/** What Azure accepts as a resource's name: the whole name (ASCII), and the rule in words. */
export interface NameRule {
  readonly pattern: RegExp
  /** Completes "its name is …": "3–24 lower-case letters and digits". */
  readonly text: string
}

// learn.microsoft.com "Naming rules and restrictions for Azure resources"
// (azure-resource-manager/management/resource-name-rules), checked against the REST specs' name
// patterns where they give one. A name that breaks them is refused by ARM (or, for a resource the
// design only refers to, names one that cannot exist).
const SERVICE_NAME_RULES: Readonly<Record<ServiceKind, NameRule>> = {
  storage: { pattern: /^[a-z0-9]{3,24}$/, text: '3–24 lower-case letters and digits' },
  keyVault: {
    pattern: /^(?=.{3,24}$)[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '3–24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, no two hyphens in a row',
  },
  serviceBus: {
    pattern: /^(?=.{6,50}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '6–50 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  eventHubs: {
    pattern: /^(?=.{6,50}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '6–50 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  eventGrid: { pattern: /^[A-Za-z0-9-]{3,50}$/, text: '3–50 letters, digits and hyphens' },
  cosmosDb: {
    pattern: /^(?=.{3,44}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–44 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  sql: {
    pattern:
      /^(?=[^/]{1,63}\/)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\/(?=[^/]{1,128}$)[^<>*%&:\\/?\p{Cc}]*[^<>*%&:\\/?\p{Cc}. ]$/u,
    text: '<server>/<database>: the server 1–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen; the database 1–128 characters but <>*%&:\\/? and controls, not ending with a period or space',
  },
  appConfiguration: {
    pattern: /^(?=.{5,50}$)[A-Za-z0-9](?!.*---)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '5–50 letters, digits and hyphens, not starting or ending with a hyphen, no three hyphens in a row',
  },
  containerRegistry: { pattern: /^[A-Za-z0-9]{5,50}$/, text: '5–50 letters and digits' },
  openAI: {
    pattern: /^(?=.{2,64}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    text: '2–64 letters, digits and hyphens, starting and ending with a letter or digit',
  },
  search: {
    pattern: /^(?=.{2,60}$)[a-z0-9](?!.*--)(?:[a-z0-9-]*[a-z0-9])?$/,
    text: '2–60 lower-case letters, digits and hyphens, not starting or ending with a hyphen, no two hyphens in a row',
  },
  signalR: {
    pattern: /^(?=.{3,63}$)[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/,
    text: '3–63 letters, digits and hyphens, starting with a letter and ending with a letter or digit',
  },
  postgresql: {
    pattern: /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  mysql: {
    pattern: /^(?=.{3,63}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/,
    text: '3–63 lower-case letters, digits and hyphens, not starting or ending with a hyphen',
  },
  redis: {
    pattern: /^(?=.{1,63}$)[A-Za-z0-9](?!.*--)(?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
    text: '1–63 letters, digits and hyphens, starting and ending with a letter or digit, no two hyphens in a row',
  },
}

/** The rule for a service kind's name. */
export function serviceNameRule(kind: ServiceKind): NameRule {
  return SERVICE_NAME_RULES[kind]
}

/**
 * Why Azure would refuse a node's name, or undefined: services and identities the design names
 * (a bound node's Azure name is the one in its resource id, whatever it is called in the design).
 */
export function azureNameProblem(node: DesignNode): string | undefined {
  if (node.azure?.resourceId) return undefined
  if (node.kind === 'identity')
    return isIdentityName(node.name) ? undefined : `Azure would refuse it: ${IDENTITY_NAME_RULE}.`
  if (node.kind !== 'service') return undefined
  const rule = SERVICE_NAME_RULES[node.service]
  return rule.pattern.test(node.name)
    ? undefined
    : `Azure would refuse it: ${SERVICES[node.service].label} names are ${rule.text}.`
}
