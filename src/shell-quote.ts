/**
 * `value` as one word for a POSIX shell (bash, zsh, sh): left bare when it holds only characters no shell treats
 * specially, else in single quotes, where nothing is special and a `'` is written `'\''`. Every value printed
 * inside a copy-paste command goes through this, so a value such as `$(rm -rf ~)` is printed inert.
 * @see https://pubs.opengroup.org/onlinepubs/9699919799/utilities/V3_chap02.html#tag_02_02_02
 */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9@%+=:,./_-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
