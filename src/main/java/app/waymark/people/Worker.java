package app.waymark.people;

/**
 * A member of staff: who they are, how they want alerts, and whether they are on duty for
 * their team.
 *
 * @param id the worker's id
 * @param name their name
 * @param email their sign-in name and alert address
 * @param role what they may see
 * @param team their team, or null
 * @param alertChannels comma list of TELEGRAM, SMS, EMAIL
 * @param workingHours e.g. {@code 09:00-17:00}
 * @param onDuty whether they cover their team's young people today
 * @param active whether they may sign in
 */
public record Worker(long id, String name, String email, Role role, String team, String alertChannels,
		String workingHours, boolean onDuty, boolean active) {

}
