package app.waymark.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns failures into {@link ApiError} JSON. Never echoes a stack trace or the request
 * body: bodies hold young people's words.
 */
@RestControllerAdvice
public class ApiErrorHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

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

	@ExceptionHandler(ResponseStatusException.class)
	ResponseEntity<ApiError> status(ResponseStatusException ex) {
		return error(ex.getStatusCode(), ex.getReason() != null ? ex.getReason() : "The request failed.", null);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiError> unexpected(Exception ex) {
		// Type and place only: messages of some exceptions quote the input.
		log.error("Unhandled {} at {}", ex.getClass().getName(),
				ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : "unknown");
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again.", null);
	}

	public static ResponseEntity<ApiError> error(HttpStatusCode status, String message, String field) {
		String reason = status instanceof HttpStatus known ? known.getReasonPhrase() : "Error";
		return ResponseEntity.status(status).body(new ApiError(status.value(), reason, message, field));
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
