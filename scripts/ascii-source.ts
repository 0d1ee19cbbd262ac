/**
 * An esbuild bundle in ASCII, so a loader can decode it as Latin-1: a one-byte string at once (~1.5 ms for the
 * 2.8 MB CLI bundle), where UTF-8 decoding took ~20 ms. esbuild already writes strings, template literals, regular
 * expressions and names in ASCII (its default `charset`), but keeps comments as they are: the curly quotes and arrows
 * of some comments were all that made the CLI bundle UTF-8. Each UTF-16 unit above 0x7f becomes `\uXXXX`, which in a
 * comment is text and in a string, a template or a regular expression, were there one, means the same character.
 * Used by scripts/build.ts and test/helpers/mermaid.ts.
 * @see https://esbuild.github.io/api/#charset
 */
export function asciiSource(code: string): string {
  const ascii = code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (/[\u0080-\uffff]/.test(ascii)) throw new Error('the bundle is not ASCII after escaping');
  return ascii;
}
