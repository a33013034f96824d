package app.waymark.alert;

/** URGENT alerts escalate when nobody acknowledges them in time; NORMAL ones wait. */
public enum AlertLevel {

	URGENT, NORMAL

}
