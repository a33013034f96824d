package app.waymark.people;

/**
 * A young person was moved to another worker. Whatever was addressed to the former worker
 * about them (an open alert) now follows the allocation.
 *
 * @param youngPersonId who was moved
 * @param workerId to whom
 */
public record Reallocated(long youngPersonId, long workerId) {
}
