import type { CloudName } from '../catalog/clouds.ts'
import type { HostingFact } from '../catalog/hosting.ts'
import type { HostingKind, PrincipalKind, Scope, ServiceKind } from '../model/kinds.ts'
import type { AppConnectionSetting } from '../plan/app-settings.ts'

/** Languages the guide writes client code in. Order is the order shown to users. */
export const LANGUAGES = ['csharp', 'typescript', 'python', 'java'] as const
export type Language = (typeof LANGUAGES)[number]

export const LANGUAGE_LABELS: Readonly<Record<Language, string>> = {
  csharp: 'C#',
  typescript: 'TypeScript',
  python: 'Python',
  java: 'Java',
}

/** The client library a connection's code uses; `token` is a bare token request for a scope. */
export type ClientUse =
  | {
      readonly sdk:
        | 'blob'
        | 'queue'
        | 'table'
        | 'keyVaultSecrets'
        | 'keyVaultKeys'
        | 'keyVaultCertificates'
        | 'serviceBus'
        | 'eventHubs'
        | 'cosmos'
        | 'appConfiguration'
        | 'eventGrid'
        | 'search'
        | 'redis'
      /** The data endpoint; for Redis the host name (the port is the client's). */
      readonly endpoint: string
      /** Outside the public cloud, the audience AI Search's clients must be given (see openAI's). */
      readonly audience?: string
    }
  | {
      /** Code that asks for its tokens itself, for `scope`. */
      readonly sdk: 'sql' | 'postgresql' | 'mysql' | 'openAI'
      /** The data endpoint; for SQL, PostgreSQL and MySQL the server's host name. */
      readonly endpoint: string
      readonly scope: string
      /**
       * Outside the public cloud, the audience to give a client whose library assumes the public
       * cloud's (the .NET Azure OpenAI client, Java's JDBC plugins), as that library spells it.
       */
      readonly audience?: string
    }
  | { readonly sdk: 'token'; readonly scope: string }

export type SdkKind = ClientUse['sdk']

/** One DefaultAzureCredential of an app: the system-assigned identity, or one client-ID setting. */
export interface GuideCredential {
  /** Stable key: `system`, or the setting's name. */
  readonly key: string
  readonly identity: 'system' | string
  /** Environment variable that holds the client ID; absent for the system-assigned identity. */
  readonly setting?: string
  /** Human label, e.g. "user-assigned identity mi-contoso-storage". */
  readonly label: string
  /**
   * An AKS workload's identity, reached through workload identity federation: there
   * DefaultAzureCredential uses WorkloadIdentityCredential, which reads WorkloadIdentityClientId
   * and ignores ManagedIdentityClientId.
   */
  readonly workload?: boolean
}

/** An app reaching one service through one of its identities. */
export interface GuideConnection {
  readonly service: string
  readonly serviceName: string
  /**
   * The service's name in Azure, which its endpoints are made of: the bound resource id's name
   * (`server/database` for SQL), else the node's name (apply binds a node to the resource so named).
   */
  readonly resourceName: string
  readonly serviceKind: ServiceKind
  /** The service's data endpoint (for SQL, the server's host name). */
  readonly endpoint: string
  readonly credential: GuideCredential
  /** Role keys this identity holds on the service (all scopes). */
  readonly roles: readonly string[]
  readonly clients: readonly ClientUse[]
  /** Can the code send / receive (messaging services), from the roles held. */
  readonly canSend: boolean
  readonly canReceive: boolean
  /**
   * PostgreSQL and MySQL: the database user the code signs in as, which the plan's script creates
   * (`principalName`: the identity's resource name).
   */
  readonly databaseUser?: string
}

/**
 * A connection's roles in words: none known (every role name is one the catalog does not know,
 * reported by unknown-role) is said, not left as an empty list.
 */
export function rolesPhrase(connection: Pick<GuideConnection, 'roles'>): string {
  return connection.roles.join(', ') || 'no known role (see Problems: unknown-role)'
}

/** A setting the guide asks for, with its value once the identity exists in Azure. */
export interface GuideSetting extends AppConnectionSetting {
  readonly identityName: string
}

export interface AppGuide {
  readonly app: string
  readonly name: string
  readonly hosting: HostingKind
  /** Where the settings go: app settings, container environment, or the workload's own config. */
  readonly settingsTarget: HostingFact['settings']
  readonly settings: readonly GuideSetting[]
  readonly credentials: readonly GuideCredential[]
  readonly connections: readonly GuideConnection[]
  /** Access edges the guide cannot turn into code: no identity resolves them. */
  readonly unresolved: readonly { readonly edge: string; readonly service: string }[]
  readonly notes: readonly string[]
}

export interface DeveloperAccess {
  readonly service: string
  readonly serviceName: string
  readonly serviceKind: ServiceKind
  readonly roles: readonly string[]
  readonly scope: Scope
}

export interface DeveloperGuide {
  readonly developer: string
  readonly name: string
  readonly principal: PrincipalKind
  readonly access: readonly DeveloperAccess[]
  readonly notes: readonly string[]
}

/** Everything an app team needs to write the code of a design (issue 7, "Connection guide"). */
export interface ConnectionGuide {
  readonly design: string
  /** The cloud the endpoints and audiences are for; absent for the public cloud. */
  readonly cloud?: CloudName
  readonly apps: readonly AppGuide[]
  readonly developers: readonly DeveloperGuide[]
}
