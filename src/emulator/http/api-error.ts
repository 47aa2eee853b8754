import { STATUS_CODES } from 'node:http';
import type { Json } from '../openapi/document.ts';

/** The Management API's error body: `{statusCode, error, message, errorCode?}`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errorCode?: string;
}

/** Thrown anywhere in request handling; the server turns it into the API's error response. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly errorCode: string | undefined;
  /** The `error` phrase where the API's differs from Node's (413 `Request Entity Too Large`). */
  private readonly phrase: string | undefined;

  constructor(statusCode: number, message: string, errorCode?: string, phrase?: string) {
    super(message);
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.phrase = phrase;
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = {
      statusCode: this.statusCode,
      error: this.phrase ?? STATUS_CODES[this.statusCode] ?? 'Error',
      message: this.message,
    };
    if (this.errorCode !== undefined) body.errorCode = this.errorCode;
    return body;
  }
}

export const notFound = (message = 'Not Found', errorCode?: string) => new ApiError(404, message, errorCode);
export const badRequest = (message: string, errorCode?: string) => new ApiError(400, message, errorCode);
export const conflict = (message: string, errorCode = 'conflict') => new ApiError(409, message, errorCode);
export const forbidden = (message: string, errorCode?: string) => new ApiError(403, message, errorCode);

/** A type's own 404 wording, e.g. `{message: 'The role does not exist.', errorCode: 'inexistent_role'}`. */
export interface NotFoundSpec {
  message: string;
  errorCode: string;
}

/** The item, or the 404 its type answers when it is absent. */
export function orNotFound(item: Json | undefined, missing: NotFoundSpec): Json {
  if (!item) throw notFound(missing.message, missing.errorCode);
  return item;
}
