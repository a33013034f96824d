package app.waymark.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every JSON error: what went wrong in words a caller can act on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, String field) {
}
