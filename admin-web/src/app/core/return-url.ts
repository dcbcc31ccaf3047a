/** The query parameter that carries the page asked for across the sign-in prompt. */
export const RETURN_URL_PARAM = 'returnUrl';

/**
 * The return URL when it is a path inside the console, else null. Only a single leading
 * slash passes: `//host`, `/\host` and anything with a scheme would leave the console
 * (an open redirect), and the sign-in page itself would loop.
 */
export function safeReturnUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // Control characters and backslashes are never part of a console path.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\')) {
    return null;
  }
  if (/^\/sign-in(?:[/?#]|$)/.test(value)) return null;
  return value;
}

/** The query of a trip to the sign-in prompt that comes back to `url` (none for `/`). */
export function returnQuery(url: string): Record<string, string> {
  const returnUrl = safeReturnUrl(url);
  return returnUrl && returnUrl !== '/' ? { [RETURN_URL_PARAM]: returnUrl } : {};
}
