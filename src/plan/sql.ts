import { tsqlIdentifier, tsqlString } from '../lib/encode/tsql.ts'

/**
 * The script that gives a Microsoft Entra principal access to one database: a contained user
 * created from the external provider (skipped when it exists, so the script can be re-run),
 * then one ALTER ROLE per database role. Run it in the database as its Entra administrator.
 */
export function containedUserScript(user: string, roles: readonly string[]): string {
  const lines = [
    `IF DATABASE_PRINCIPAL_ID(${tsqlString(user)}) IS NULL`,
    `    CREATE USER ${tsqlIdentifier(user)} FROM EXTERNAL PROVIDER;`,
    ...roles.map(
      (role) => `ALTER ROLE ${tsqlIdentifier(role)} ADD MEMBER ${tsqlIdentifier(user)};`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
