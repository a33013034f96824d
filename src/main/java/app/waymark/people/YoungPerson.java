package app.waymark.people;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A care leaver on a caseload.
 *
 * @param id their id
 * @param caseReference the council's case reference
 * @param name their full name
 * @param preferredName what they like to be called, or null
 * @param dateOfBirth when they were born, or null
 * @param preferredLanguage ISO 639-1 code
 * @param status ACTIVE or CLOSED
 * @param quietStart start of quiet hours (no check-ins)
 * @param quietEnd end of quiet hours
 * @param leftCareOn when they left care, or null
 * @param team the team holding the case, or null
 * @param workerId the currently allocated worker, or null
 */
public record YoungPerson(long id, String caseReference, String name, String preferredName, LocalDate dateOfBirth,
		String preferredLanguage, String status, LocalTime quietStart, LocalTime quietEnd, LocalDate leftCareOn,
		String team, Long workerId) {

}
