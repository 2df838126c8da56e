import type { ClientUse, GuideConnection, GuideCredential, Language } from '../types.ts'

/** What a client's code needs besides its connection: variable names, picked once per app. */
export interface ClientContext {
  readonly connection: GuideConnection
  readonly use: ClientUse
  readonly credential: string
  /** Words that make this client's variables unique in the app (the service's name), or none. */
  readonly prefix: readonly string[]
}

/** One language's way of writing DefaultAzureCredential and each service's client. */
export interface SnippetRenderer {
  readonly language: Language
  /** Info string of a Markdown code fence. */
  readonly fence: string
  /** How this language joins words into a variable name. */
  ident(words: readonly string[]): string
  comment(text: string): string
  /** Packages to install, e.g. `dotnet add package Azure.Identity`. */
  install(uses: readonly ClientUse[]): string
  imports(uses: readonly ClientUse[], settings: boolean): string[]
  credential(credential: GuideCredential, variable: string): string[]
  client(context: ClientContext): string[]
  /** Does this client's code take the credential object? (C#'s SQL client signs in by itself.) */
  usesCredential(use: ClientUse): boolean
}
