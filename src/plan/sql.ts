/** T-SQL quoting: a name inside [brackets] doubles any closing bracket. */
export function sqlIdentifier(name: string): string {
  return `[${name.replaceAll(']', ']]')}]`
}

function sqlString(text: string): string {
  return `N'${text.replaceAll("'", "''")}'`
}

/**
 * The script that gives a Microsoft Entra principal access to one database: a contained user
 * created from the external provider (skipped when it exists, so the script can be re-run),
 * then one ALTER ROLE per database role. Run it in the database as its Entra administrator.
 */
export function containedUserScript(user: string, roles: readonly string[]): string {
  const lines = [
    `IF DATABASE_PRINCIPAL_ID(${sqlString(user)}) IS NULL`,
    `    CREATE USER ${sqlIdentifier(user)} FROM EXTERNAL PROVIDER;`,
    ...roles.map((role) => `ALTER ROLE ${sqlIdentifier(role)} ADD MEMBER ${sqlIdentifier(user)};`),
  ]
  return `${lines.join('\n')}\n`
}
