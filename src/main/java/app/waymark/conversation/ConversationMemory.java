package app.waymark.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import app.waymark.system.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What the conversation remembers about one sender between messages, kept in the database
 * ({@code conversation_memory}) so that MORE, a LANGUAGE choice and a pending "did you
 * mean" work on any instance and after a restart. Each part is forgotten after its own
 * time: the last article after a day, choices after half an hour, a language after thirty
 * days, and that "reply MORE" was said after a day.
 */
@Component
public class ConversationMemory {

	static final Duration ARTICLE_KEPT = Duration.ofHours(24);

	static final Duration CHOICES_KEPT = Duration.ofMinutes(30);

	static final Duration LANGUAGE_KEPT = Duration.ofDays(30);

	/**
	 * How long "reply MORE" is not repeated once said: as long as MORE has an article to
	 * expand. Someone back the next day may have forgotten it, so they are told once
	 * more; at most one answer a day pays for the extra words (often a second SMS
	 * segment).
	 */
	static final Duration MORE_HINT_KEPT = ARTICLE_KEPT;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	public ConversationMemory(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/**
	 * What is remembered, each part null once forgotten.
	 *
	 * @param lastArticle the id of the last article given
	 * @param choices the article ids offered in the last "did you mean", in order
	 * @param language the language chosen with LANGUAGE
	 * @param toldMore whether "reply MORE" was said lately
	 */
	record Recalled(String lastArticle, List<String> choices, String language, boolean toldMore) {

		static final Recalled NOTHING = new Recalled(null, List.of(), null, false);

	}

	Mono<Recalled> recall(String channel, String address) {
		OffsetDateTime now = now();
		return this.db
			.sql("select last_article_id, last_article_at, choices, choices_at, language, language_at, "
					+ "more_hint_at from conversation_memory where channel = :channel and address_hash = :hash")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.map(row -> new Recalled(
					fresh(row.get("last_article_at", OffsetDateTime.class), ARTICLE_KEPT, now)
							? row.get("last_article_id", String.class) : null,
					fresh(row.get("choices_at", OffsetDateTime.class), CHOICES_KEPT, now)
							? split(row.get("choices", String.class)) : List.of(),
					fresh(row.get("language_at", OffsetDateTime.class), LANGUAGE_KEPT, now)
							? row.get("language", String.class) : null,
					fresh(row.get("more_hint_at", OffsetDateTime.class), MORE_HINT_KEPT, now)))
			.one()
			.defaultIfEmpty(Recalled.NOTHING);
	}

	/**
	 * The article just given (MORE expands it); any pending choices are settled. With
	 * {@code toldMore} the answer said "reply MORE", which is then not said again for a
	 * while.
	 */
	Mono<Void> gaveArticle(String channel, String address, String articleId, boolean toldMore) {
		if (toldMore) {
			return upsert(channel, address,
					"last_article_id = :article, last_article_at = :now, more_hint_at = :now, choices = null, "
							+ "choices_at = null",
					"last_article_id, last_article_at, more_hint_at", ":article, :now, :now", articleId);
		}
		return upsert(channel, address,
				"last_article_id = :article, last_article_at = :now, choices = null, " + "choices_at = null",
				"last_article_id, last_article_at", ":article, :now", articleId);
	}

	/** The articles just offered as numbered choices. */
	Mono<Void> offeredChoices(String channel, String address, List<String> articleIds) {
		return upsert(channel, address, "choices = :choices, choices_at = :now", "choices, choices_at",
				":choices, :now", String.join(",", articleIds));
	}

	/** The language an unlinked sender chose. */
	Mono<Void> choseLanguage(String channel, String address, String language) {
		return upsert(channel, address, "language = :language, language_at = :now", "language, language_at",
				":language, :now", language);
	}

	/**
	 * Update the row, or insert it; two instances inserting at once meet the primary key,
	 * and the loser updates instead.
	 */
	private Mono<Void> upsert(String channel, String address, String assignments, String columns, String values,
			String value) {
		String hash = this.sealer.hash(address);
		String name = values.substring(1, values.indexOf(','));
		OffsetDateTime now = now();
		Mono<Long> update = this.db
			.sql("update conversation_memory set " + assignments + ", updated_at = :now "
					+ "where channel = :channel and address_hash = :hash")
			.bind(name, value)
			.bind("now", now)
			.bind("channel", channel)
			.bind("hash", hash)
			.fetch()
			.rowsUpdated();
		Mono<Long> insert = this.db
			.sql("insert into conversation_memory (channel, address_hash, " + columns + ", updated_at) values "
					+ "(:channel, :hash, " + values + ", :now)")
			.bind(name, value)
			.bind("now", now)
			.bind("channel", channel)
			.bind("hash", hash)
			.fetch()
			.rowsUpdated();
		return update
			.flatMap(updated -> updated > 0 ? Mono.just(updated)
					: insert.onErrorResume(org.springframework.dao.DataIntegrityViolationException.class, ex -> update))
			.then();
	}

	/** Forgets everything not touched for the longest keeping time (retention). */
	Mono<Long> forgetOld() {
		return this.db.sql("delete from conversation_memory where updated_at < :before")
			.bind("before", now().minus(LANGUAGE_KEPT))
			.fetch()
			.rowsUpdated();
	}

	private static boolean fresh(OffsetDateTime at, Duration kept, OffsetDateTime now) {
		return at != null && at.plus(kept).isAfter(now);
	}

	private static List<String> split(String ids) {
		return ids == null || ids.isBlank() ? List.of() : Arrays.asList(ids.split(","));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
