package app.waymark.channel;

import reactor.core.publisher.Mono;

/**
 * A channel's rule about what may be sent to an address at this moment, beyond the
 * address being linked, reachable and opted in: WhatsApp's 24-hour window, for one. A
 * channel without such a rule has no bean of this type. Features ask {@link SendWindows},
 * so they never know which provider has which rule.
 */
public interface SendWindow {

	/** The channel this rule is for ("whatsapp"). */
	String channel();

	/**
	 * Why a message of {@code kind} cannot go to {@code address} now, in a few words
	 * ("needs template"); empty when it can (freely, or as the kind's approved template).
	 */
	Mono<String> refusal(String address, String kind);

}
