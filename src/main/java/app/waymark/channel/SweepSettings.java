package app.waymark.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link UnansweredSweep} looks for inbound messages stored and never answered.
 *
 * @param enabled whether this instance sweeps at all (tests turn it off to drive it by
 * hand)
 * @param interval how often each instance looks
 * @param answerAfter how long a message must have sat unanswered before the sweep takes
 * it over. Well above the few seconds answering takes, so the sweep never races the
 * instance still answering it (which would raise its alert twice), and above the 10 s
 * after which a provider's redelivery takes a message over.
 * @param giveUpAfter how old a message may be and still get an automatic answer; older
 * ones are marked MISSED and a person is alerted instead
 * @param batch most messages one sweep takes
 */
@ConfigurationProperties("waymark.channel.sweep")
public record SweepSettings(@DefaultValue("true") boolean enabled, @DefaultValue("15s") Duration interval,
		@DefaultValue("30s") Duration answerAfter, @DefaultValue("24h") Duration giveUpAfter,
		@DefaultValue("50") int batch) {
}
