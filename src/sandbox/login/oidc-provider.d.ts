// The few parts of oidc-provider 9 (which ships no types) the sandbox's sign-in uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface KoaContextWithOIDC {
    status: number
    body: unknown
    method: string
    path: string
    type: string
    set(name: string, value: string): void
    oidc?: {
      route?: string
      client?: { clientId: string; clientAuthMethod: string; redirectUris: string[] }
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined }
      result?: { consent?: { grantId?: string } }
      entities: { Account?: { accountId: string }; Client?: { clientId: string } }
      params?: Record<string, unknown>
      provider: Provider
    }
  }

  export interface Grant {
    jti: string
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    addResourceScope(resource: string, scope: string): void
    save(): Promise<string>
  }

  export interface InteractionDetails {
    uid: string
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> }
    params: Record<string, unknown>
    session?: { accountId?: string }
    grantId?: string
  }

  export interface Account {
    accountId: string
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>)
    proxy: boolean
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    use(middleware: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>
    on(event: string, listener: (...args: unknown[]) => void): this
    Grant: {
      new (init: { clientId: string; accountId: string }): Grant
      find(id: string): Promise<Grant | undefined>
    }
  }

  export const errors: {
    InvalidTarget: new (description?: string) => Error
  }

  export interface Prompt {
    name: string
    checks: { remove(reason: string): void }
  }
  export interface PromptList extends Array<Prompt> {
    add(prompt: Prompt, index?: number): void
    get(name: string): Prompt | undefined
  }
  export const interactionPolicy: {
    base(): PromptList
    Prompt: new (options: { name: string; requestable: boolean }) => Prompt
  }
}
