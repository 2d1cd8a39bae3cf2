/**
 * Error answers in Latitude's `errors[]` shape. 404 and 423 are copied from recorded
 * traffic, 429 from the rate-limit docs; 401 and 422 bodies were never recorded and
 * follow the same shape.
 */
export class SimApiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly body: { errors: Record<string, unknown>[] },
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.errors[0]?.['detail'] ?? httpStatus));
  }
}

export const notFound = (): SimApiError =>
  new SimApiError(404, { errors: [{ code: 'not_found', status: '404', title: 'Error', detail: 'Specified Record Not Found', meta: {} }] });

export const locked = (): SimApiError =>
  new SimApiError(423, {
    errors: [{ code: null, status: 'locked', title: 'Locked Server', detail: 'Server is locked and cannot be updated or deleted', meta: {} }],
  });

export const unauthorized = (): SimApiError =>
  new SimApiError(401, {
    errors: [{ code: 'unauthorized', status: '401', title: 'Unauthorized', detail: 'The API key is missing or invalid', meta: {} }],
  });

export const invalid = (attribute: string, message: string): SimApiError =>
  new SimApiError(422, {
    errors: [
      {
        code: 'unprocessable_entity',
        status: '422',
        title: 'Unprocessable Entity',
        detail: `${attribute} ${message}`,
        meta: { attribute, message },
      },
    ],
  });

/** `retryAfter` in (possibly fractional) seconds of real time. */
export const rateLimited = (retryAfter: number): SimApiError =>
  new SimApiError(
    429,
    {
      errors: [
        {
          code: 'RATE_LIMIT_EXCEEDED',
          title: 'Rate Limit Exceeded',
          status: '429',
          detail: 'Too many requests. Please slow down and retry.',
          meta: { retry_after: retryAfter },
        },
      ],
    },
    { 'retry-after': String(retryAfter) },
  );

export const serverError = (status: number): SimApiError =>
  new SimApiError(status, {
    errors: [{ code: 'internal_server_error', status: String(status), title: 'Error', detail: 'Something went wrong', meta: {} }],
  });
