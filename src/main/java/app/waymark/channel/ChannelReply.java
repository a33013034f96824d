package app.waymark.channel;

import java.util.List;

/**
 * A reply a channel gives itself to one of its own commands (Telegram's {@code /start},
 * {@code /stop}), instead of the conversation core's.
 *
 * @param kind what it is, for the message log (GREETING, OPTED_OUT, LINK_LINKED, ...)
 * @param messages what to queue, sent even to an opted-out sender: it answers their
 * command
 * @param optedIn the consent the command records (true: messages on, false: off), or null
 */
public record ChannelReply(String kind, List<OutboundMessage> messages, Boolean optedIn) {
}
