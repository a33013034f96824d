package app.waymark.channel.telegram;

import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.ChannelReply;
import app.waymark.channel.Choice;
import app.waymark.channel.InboundMessage;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.ReplyShaper;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.people.Sender;
import reactor.core.publisher.Mono;

/**
 * Telegram is a rich channel: the full answer (title in bold, whole text, source link) in
 * MarkdownV2, cut into messages of at most 4096 characters, with topic buttons on menus
 * and "not sure" replies and a topics button after answers. Telegram's own commands are
 * answered by {@link TelegramCommands}.
 */
class TelegramShaper implements ReplyShaper {

	/** Room for the two asterisks that make the title bold. */
	private static final int BUDGET = MarkdownV2.MAX_MESSAGE - 2;

	private final ReplyText replyText;

	private final TelegramCommands commands;

	TelegramShaper(ReplyText replyText, TelegramCommands commands) {
		this.replyText = replyText;
		this.commands = commands;
	}

	@Override
	public Mono<ChannelReply> ownReply(InboundMessage message, Sender sender) {
		return this.commands.reply(message, sender);
	}

	@Override
	public String channel() {
		return TelegramChannel.NAME;
	}

	@Override
	public List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender) {
		String text = this.replyText.fullText(reply);
		List<Choice> choices = switch (reply.kind()) {
			case MENU, NOT_SURE -> reply.topics().stream().map(Choice::topic).toList();
			case ANSWER, FULL_ANSWER -> List.of(new Choice("Topics", "cmd:topics", "topics"));
			case CHOOSE -> picks(reply);
			default -> List.of();
		};
		String title = reply.article() != null
				&& (reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.FULL_ANSWER)
						? reply.article().title() : null;
		return messages(to.address(), text, title, choices, sender, reply.kind().name());
	}

	/** One choice per "did you mean" article, each pressing its number. */
	private static List<Choice> picks(Reply reply) {
		List<Choice> picks = new ArrayList<>();
		for (int i = 0; i < reply.choices().size(); i++) {
			String number = String.valueOf(i + 1);
			String label = number + " " + reply.choices().get(i).title();
			picks.add(new Choice(label.length() > 60 ? label.substring(0, 60) : label, "pick:" + number, number));
		}
		return picks;
	}

	/**
	 * The messages for one text: split, escaped, the title (if the text starts with it)
	 * in bold, choices on the last part only.
	 */
	static List<OutboundMessage> messages(String chatId, String text, String title, List<Choice> choices, Sender sender,
			String kind) {
		List<String> parts = MarkdownV2.split(text, BUDGET);
		List<OutboundMessage> messages = new ArrayList<>(parts.size());
		for (int i = 0; i < parts.size(); i++) {
			String part = parts.get(i);
			String escaped;
			if (i == 0 && title != null && !title.isBlank() && !title.contains("\n") && part.startsWith(title)) {
				escaped = MarkdownV2.bold(title) + MarkdownV2.escape(part.substring(title.length()));
			}
			else {
				escaped = MarkdownV2.escape(part);
			}
			boolean last = i == parts.size() - 1;
			messages.add(new OutboundMessage(TelegramChannel.NAME, chatId, escaped, last ? choices : List.of(),
					OutboundMessage.Purpose.REPLY, sender.youngPersonId(), sender.workerId(), kind, true));
		}
		return messages;
	}

}
