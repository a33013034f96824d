package app.waymark.alert;

/**
 * Published once an alert is stored, so it can be delivered to the responsible worker.
 */
public record AlertRaised(long alertId) {
}
