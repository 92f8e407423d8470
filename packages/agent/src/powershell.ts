/** Arguments that run one PowerShell script non-interactively, without the user's profile. */
export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-Command', script];
}

/**
 * The items of a script's `ConvertTo-Json` output. ConvertTo-Json prints nothing for no results
 * and a lone object (not a one-element array) for one; Console.OutputEncoding = UTF8 makes Windows
 * PowerShell start with a BOM. Throws, naming `what`, only when the output is not JSON at all.
 */
export function powershellJsonItems(stdout: string, what: string): unknown[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${what}: PowerShell output is not JSON (${(error as Error).message})`, { cause: error });
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}
