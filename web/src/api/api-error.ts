/** An HTTP failure from the InsightX API, carrying the server's `{code, message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Reads an error body (`{code, message}`) into an {@link ApiError}, whatever the server sent. */
export async function toApiError(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || `Request failed with status ${response.status}`;
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown; error?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string') message = body.message;
    else if (typeof body.error === 'string') message = body.error;
  } catch {
    // Not JSON (a proxy page, an empty body): the status line is all there is.
  }
  return new ApiError(response.status, code, message);
}
