/**
 * Scripts that give a Microsoft Entra principal access inside Azure Database for PostgreSQL and
 * MySQL flexible servers (no ARM call exists): run them as the server's Microsoft Entra
 * administrator. The principal is named by its Entra display name (an identity's resource name).
 */

/** PostgreSQL: a string literal ('' doubles a quote) and an identifier ("" doubles a quote). */
const pgString = (text: string): string => `'${text.replaceAll("'", "''")}'`
const pgIdentifier = (text: string): string => `"${text.replaceAll('"', '""')}"`

/** A dollar-quote tag that does not occur in the text it encloses. */
function dollarTag(body: string): string {
  let tag = '$idtopo$'
  for (let i = 1; body.includes(tag); i++) tag = `$idtopo${i}$`
  return tag
}

/**
 * PostgreSQL flexible server: the Entra principal is created once (pgaadauth_create_principal,
 * skipped when the role exists, so the script can be re-run), then granted each role.
 */
export function postgresUserScript(user: string, roles: readonly string[]): string {
  const body = [
    `BEGIN`,
    `  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${pgString(user)}) THEN`,
    `    PERFORM pgaadauth_create_principal(${pgString(user)}, false, false);`,
    `  END IF;`,
    `END`,
  ].join('\n')
  const tag = dollarTag(body)
  return [
    `-- In the postgres database, as the server's Microsoft Entra administrator.`,
    `DO ${tag}`,
    body,
    `${tag};`,
    ...roles.map((role) => `GRANT ${pgIdentifier(role)} TO ${pgIdentifier(user)};`),
    '',
  ].join('\n')
}

/** MySQL: a string literal (quotes doubled, backslashes escaped). */
const mysqlString = (text: string): string =>
  `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`

/**
 * MySQL flexible server: the Entra user (CREATE AADUSER, by display name), then the privileges
 * on the server's databases.
 */
export function mysqlUserScript(user: string, privileges: readonly string[]): string {
  return [
    `-- As the server's Microsoft Entra administrator (CREATE AADUSER fails if the user exists: skip it then).`,
    `CREATE AADUSER ${mysqlString(user)};`,
    `GRANT ${privileges.join(', ')} ON *.* TO ${mysqlString(user)};`,
    '',
  ].join('\n')
}
