package app.waymark.people;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import app.waymark.system.BadRequestException;

/** Parsing of request and import fields, with the field named when it is wrong. */
final class Fields {

	private Fields() {
	}

	static String required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			throw new BadRequestException(field, field + " is required.");
		}
		return optional(field, value, max);
	}

	static String optional(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String stripped = value.strip();
		if (stripped.length() > max) {
			throw new BadRequestException(field, field + " is at most " + max + " characters.");
		}
		return stripped;
	}

	static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field, field + " must be a date like 2007-05-31.");
		}
	}

	static LocalTime time(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalTime.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field, field + " must be a time like 21:00.");
		}
	}

	static String language(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String code = value.strip().toLowerCase(Locale.ROOT);
		if (!code.matches("[a-z]{2,3}")) {
			throw new BadRequestException(field, field + " must be a language code like en or ar.");
		}
		return code;
	}

	static String email(String field, String value) {
		String email = required(field, value, 320);
		if (!email.matches("[^@\\s]+@[^@\\s]+")) {
			throw new BadRequestException(field, field + " must be an e-mail address.");
		}
		return email.toLowerCase(Locale.ROOT);
	}

	static Role role(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Role.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException(field, field + " must be WORKER, MANAGER or ADMIN.");
		}
	}

	static <T> T or(T value, T fallback) {
		return value != null ? value : fallback;
	}

}
