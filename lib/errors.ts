/**
 * Errors the app means to show. Each carries the HTTP status it maps to and a message written for the
 * person reading it; anything else is an unexpected failure, logged on the server and answered with a
 * generic 500 that reveals nothing.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string) {
    super(404, message);
  }
}

export class DatabaseUnavailableError extends AppError {
  constructor(message = "The graph database is not reachable right now. Try again in a moment.") {
    super(503, message);
  }
}

export class QueryTimeoutError extends AppError {
  constructor(message = "The database took too long to answer. Narrow the request and try again.") {
    super(503, message);
  }
}

/** The thing changed since the reader loaded it (a newer version was saved); reload and try again. */
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, message, details);
  }
}

/** The thing existed but was withdrawn on purpose (a revoked permalink): 410, and it stays gone. */
export class GoneError extends AppError {
  constructor(message: string) {
    super(410, message);
  }
}

/**
 * The browser went away (its request was aborted) before the answer was ready: the work was stopped. 499,
 * as proxies log a client that closed the connection; nobody reads the answer.
 */
export class RequestAbortedError extends AppError {
  constructor() {
    super(499, "The request was cancelled before it finished.");
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string) {
    super(403, message);
  }
}

/** The request is well-formed but cannot be done as asked (a relationship the registry does not allow). */
export class UnprocessableError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, message, details);
  }
}

/** The request body is bigger than its route accepts (or than the uploader's quota): 413, and nothing more is read. */
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, message);
  }
}
