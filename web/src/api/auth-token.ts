/**
 * The API token this browser sends (`Authorization: Bearer …`). A server bound to loopback
 * needs none; any other requires one (`insightx token create`), kept in localStorage.
 */
const KEY = 'insightx-token';

/** Fired on window when the server refused a request for want of a (valid) token. */
export const AUTH_REQUIRED_EVENT = 'insightx-auth-required';

export function getAuthToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setAuthToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } catch {
    // Storage off: the token lasts until the page reloads.
  }
}

/** Headers that authenticate a request, when a token is set. */
export function authHeaders(): Record<string, string> {
  const token = getAuthToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Tells the app to ask for a token when a response says one is missing or wrong. */
export function noticeAuthFailure(response: Response): void {
  if (response.status === 401) window.dispatchEvent(new Event(AUTH_REQUIRED_EVENT));
}
