package app.waymark.system;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into {@link ApiError} JSON, or into the error page for a browser asking
 * for a page. Never echoes a stack trace or the request body: bodies hold young people's
 * words.
 */
@ControllerAdvice
public class ApiErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

	/**
	 * A database restart takes seconds; Twilio and Telegram retry on their own clocks.
	 */
	static final int RETRY_AFTER_SECONDS = 5;

	@ExceptionHandler(BadRequestException.class)
	ResponseEntity<ApiError> badRequest(BadRequestException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage(), ex.field());
	}

	@ExceptionHandler(WebExchangeBindException.class)
	ResponseEntity<ApiError> invalid(WebExchangeBindException ex) {
		var fieldError = ex.getFieldError();
		String field = fieldError != null ? fieldError.getField() : null;
		String message = fieldError != null ? field + ": " + fieldError.getDefaultMessage()
				: "The request is not valid.";
		return error(HttpStatus.BAD_REQUEST, message, field);
	}

	@ExceptionHandler(ServerWebInputException.class)
	ResponseEntity<ApiError> unreadable(ServerWebInputException ex) {
		if (causedByLimit(ex)) {
			return error(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.", null);
		}
		return error(HttpStatus.BAD_REQUEST, "The request body could not be read: send JSON as documented.", null);
	}

	@ExceptionHandler(DataBufferLimitException.class)
	ResponseEntity<ApiError> tooLarge(DataBufferLimitException ex) {
		return error(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.", null);
	}

	@ExceptionHandler(TooManyRequests.class)
	ResponseEntity<ApiError> tooMany(TooManyRequests ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(new ApiError(429, HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(), ex.getMessage(), null));
	}

	@ExceptionHandler(ResponseStatusException.class)
	Object status(ResponseStatusException ex, ServerWebExchange exchange) {
		if (ErrorPages.wanted(exchange)) {
			return ErrorPages.page(ex.getStatusCode(), ex.getReason());
		}
		return error(ex.getStatusCode(), ex.getReason() != null ? ex.getReason() : "The request failed.", null);
	}

	@ExceptionHandler(Exception.class)
	Object unexpected(Exception ex, ServerWebExchange exchange) {
		if (ErrorPages.wanted(exchange)) {
			log.error("Unhandled {} at {} on a page", ex.getClass().getName(),
					ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : "unknown");
			return ErrorPages.page(retryLater(ex) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR,
					null);
		}
		if (retryLater(ex)) {
			// The database is restarting or unreachable: nothing was acknowledged, so a
			// 503 makes Twilio (with a retry policy on the webhook URL) and Telegram send
			// the message again, and a redelivery is recognised by its provider id.
			log.warn("Answered 503, try again later: {}", ex.getClass().getSimpleName());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
				.body(new ApiError(503, HttpStatus.SERVICE_UNAVAILABLE.getReasonPhrase(),
						"The service is briefly unavailable. Please try again shortly.", null));
		}
		// Type and place only: messages of some exceptions quote the input.
		log.error("Unhandled {} at {}", ex.getClass().getName(),
				ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : "unknown");
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.", null);
	}

	public static ResponseEntity<ApiError> error(HttpStatusCode status, String message, String field) {
		String reason = status instanceof HttpStatus known ? known.getReasonPhrase() : "Error";
		return ResponseEntity.status(status).body(new ApiError(status.value(), reason, message, field));
	}

	/**
	 * Whether the same request may well succeed if sent again: the database out of reach
	 * (connection refused or closed, no connection within the pool's wait, a transaction
	 * that could not begin or commit) or another transient data access failure, rather
	 * than a fault in the request or the code.
	 */
	public static boolean retryLater(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof RecoverableDataAccessException
					|| cause instanceof CannotCreateTransactionException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedByLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataBufferLimitException
					|| (cause.getMessage() != null && cause.getMessage().contains("Exceeded limit on max bytes"))) {
				return true;
			}
		}
		return false;
	}

}
