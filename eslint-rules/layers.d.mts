export declare const LAYERS: {
  readonly layers: Readonly<Record<string, readonly string[]>>
  readonly typeOnly: Readonly<Record<string, readonly string[]>>
}
export declare function layerOf(file: string): string | undefined
export declare function importedFile(fromFile: string, specifier: string): string | undefined
export declare function layerViolation(
  fromFile: string,
  specifier: string,
  typeOnly: boolean,
): string | undefined
