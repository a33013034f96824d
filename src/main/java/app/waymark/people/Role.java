package app.waymark.people;

/** What a worker may do: see their caseload, their team's, or everything. */
public enum Role {

	WORKER, MANAGER, ADMIN

}
