package app.waymark.people;

import java.util.List;

/**
 * The ways a worker may choose to be alerted ("TELEGRAM", "SMS", "EMAIL"), upper case.
 * Owned here, where a worker's choice is checked, and answered by the alert feature,
 * which knows the channels: people cannot ask the channels itself (they depend on it).
 */
public interface AlertRoutes {

	List<String> names();

}
