package app.waymark.announcement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.waymark.channel.SendWindows;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sending announcements on H2 and PostgreSQL: each recipient once however many instances
 * run, nothing to those who opted out, nothing in quiet hours (later instead), WhatsApp's
 * 24-hour rule, nothing early, the reminder the day before, and the counts on the status
 * page.
 */
class AnnouncementSenderIntegrationTests {

	/** Monday 7 December 2026, noon in London (GMT): nobody's quiet hours. */
	static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twoInstancesAtOnceSendEachRecipientExactlyOnce(TestDatabase.Kind kind) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			List<Long> people = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				long person = world.youngPerson("North");
				world.identity(person, i % 2 == 0 ? "sms" : "telegram");
				people.add(person);
			}
			long id = world.announce(AnnouncementWorld.now("Rights and entitlements session, Tuesday 6pm online."));
			AnnouncementSender first = world.sender();
			AnnouncementSender second = world.sender();

			// several rounds of both instances at once: expansion and queueing race each
			// time
			for (int round = 0; round < 3; round++) {
				Flux.merge(first.runOnce().subscribeOn(Schedulers.parallel()),
						second.runOnce().subscribeOn(Schedulers.parallel()))
					.then()
					.block(Duration.ofSeconds(60));
			}
			assertThat(world.recipients(id)).hasSize(40)
				.allSatisfy(row -> assertThat(row.get("status")).isEqualTo("QUEUED"));
			for (long person : people) {
				assertThat(world.messages(person)).singleElement().satisfies(message -> {
					assertThat(message.get("text")).isEqualTo("Rights and entitlements session, Tuesday 6pm online.");
					assertThat(message.get("purpose")).isEqualTo("ANNOUNCEMENT");
				});
			}
			assertThat(world.count("select count(*) from outbound")).isEqualTo(40);
			assertThat(world.count("select count(*) from message where kind = 'ANNOUNCEMENT'")).isEqualTo(40);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void sentNowIsQueuedInTheFirstPassWhateverTheClocksPrecision(TestDatabase.Kind kind) {
		// the real clock has nanoseconds, the database keeps micro- or milliseconds
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON.plusNanos(123_456_789))) {
			long person = world.youngPerson(null);
			world.identity(person, "sms");
			world.clock.advance(Duration.ofNanos(999));
			world.announce(AnnouncementWorld.now("Hello"));
			world.clock.advance(Duration.ofNanos(7));
			assertThat(world.sender().runOnce().block()).isEqualTo(new AnnouncementSender.Pass(1, 1, 0));
			assertThat(world.messages(person)).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void someoneWhoOptedOutGetsNothingOnAnyChannel(TestDatabase.Kind kind) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			long stopped = world.youngPerson(null);
			String phone = world.identity(stopped, "sms");
			world.identity(stopped, "telegram");
			world.consent("sms", phone, false);
			long optedBackIn = world.youngPerson(null);
			String other = world.identity(optedBackIn, "sms");
			world.consent("sms", other, false);
			world.clock.advance(Duration.ofMinutes(1));
			world.consent("sms", other, true);
			// quiet hours all day, so they wait; then STOP comes before their turn
			long stopsLater = world.youngPerson(null);
			String late = world.identity(stopsLater, "sms");
			world.db.sql("update young_person set quiet_start = '12:00:00', quiet_end = '15:00:00' where id = :id")
				.bind("id", stopsLater)
				.then()
				.block();
			long id = world.announce(AnnouncementWorld.now("Hello all"));
			AnnouncementSender sender = world.sender();
			sender.runOnce().block();
			world.consent("sms", late, false);
			world.clock.advance(Duration.ofHours(4));
			sender.runOnce().block();

			assertThat(world.messages(stopped)).isEmpty();
			assertThat(world.messages(stopsLater)).isEmpty();
			assertThat(world.messages(optedBackIn)).hasSize(1);
			assertThat(world.recipients(id))
				.extracting(row -> row.get("youngPersonId") + ":" + row.get("status") + ":" + row.get("reason"))
				.containsExactlyInAnyOrder(stopped + ":SKIPPED:opted out", optedBackIn + ":QUEUED:null",
						stopsLater + ":SKIPPED:opted out");
			Tallies.Tally tally = world.tallies.of(world.sendId(id, Announcements.MAIN)).block();
			assertThat(tally.notSent()).isEqualTo(2);
			assertThat(tally.failed()).isZero();
			assertThat(tally.exclusions()).containsEntry("opted out", 2);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void quietHoursPostponeTheMessageUntilTheyEnd(TestDatabase.Kind kind) {
		// 22:30 in London: inside the default quiet hours, 21:00 to 09:00
		try (AnnouncementWorld world = new AnnouncementWorld(kind, Instant.parse("2026-12-07T22:30:00Z"))) {
			long sleeping = world.youngPerson(null);
			world.identity(sleeping, "sms");
			long nightOwl = world.youngPerson(null);
			world.identity(nightOwl, "telegram");
			world.db.sql("update young_person set quiet_start = '02:00:00', quiet_end = '06:00:00' where id = :id")
				.bind("id", nightOwl)
				.then()
				.block();
			long id = world.announce(AnnouncementWorld.now("Office closed tomorrow"));
			AnnouncementSender sender = world.sender();
			sender.runOnce().block();
			assertThat(world.messages(nightOwl)).hasSize(1);
			assertThat(world.messages(sleeping)).isEmpty();
			assertThat(world.recipients(id)).filteredOn(row -> row.get("youngPersonId").equals(sleeping))
				.singleElement()
				.satisfies(row -> {
					assertThat(row.get("status")).isEqualTo("WAITING");
					assertThat(((OffsetDateTime) row.get("dueAt")).toInstant())
						.isEqualTo(Instant.parse("2026-12-08T09:00:00Z"));
				});
			assertThat(world.tallies.of(world.sendId(id, Announcements.MAIN)).block().waiting()).isEqualTo(1);

			world.clock.set(Instant.parse("2026-12-08T08:59:00Z"));
			sender.runOnce().block();
			assertThat(world.messages(sleeping)).isEmpty();
			world.clock.set(Instant.parse("2026-12-08T09:00:00Z"));
			sender.runOnce().block();
			assertThat(world.messages(sleeping)).singleElement()
				.satisfies(message -> assertThat(message.get("text")).isEqualTo("Office closed tomorrow"));
		}
	}

	static List<Arguments> whatsAppCases() {
		return TestDatabase.onEachKind(List.of(
				// label, hours since their last WhatsApp message (-1 none), template,
				// also
				// SMS, expected channel (null: skipped), expected reason
				Arguments.of("inside 24 hours: free text", 2, "", false, "whatsapp", null),
				Arguments.of("outside 24 hours with a template: the template", 30, "HXannounce", false, "whatsapp",
						null),
				Arguments.of("outside 24 hours, no template: skipped, needs template", 30, "", false, null,
						SendWindows.NEEDS_TEMPLATE),
				Arguments.of("never written, no template: skipped, needs template", -1, "", false, null,
						SendWindows.NEEDS_TEMPLATE),
				Arguments.of("outside 24 hours, no template, also on SMS: SMS instead", 30, "", true, "sms", null)))
			.toList();
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("whatsAppCases")
	void whatsAppOutsideItsWindowNeedsATemplate(TestDatabase.Kind kind, String label, int hoursSince, String template,
			boolean alsoSms, String channel, String reason) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			long person = world.youngPerson(null);
			if (alsoSms) {
				world.identity(person, "sms");
			}
			String address = world.identity(person, "whatsapp");
			if (hoursSince >= 0) {
				world.inbound(person, "whatsapp", address, world.now().minusHours(hoursSince));
			}
			long id = world.announce(AnnouncementWorld.now("Free bus passes: ask your worker"));
			world.sender(template).runOnce().block();

			Map<String, Object> recipient = world.recipients(id).getFirst();
			Tallies.Tally tally = world.tallies.of(world.sendId(id, Announcements.MAIN)).block();
			if (channel == null) {
				assertThat(world.messages(person)).isEmpty();
				assertThat(recipient.get("status")).isEqualTo("SKIPPED");
				assertThat(recipient.get("reason")).isEqualTo(reason);
				assertThat(tally.failed()).isEqualTo(1);
				assertThat(tally.failures()).containsExactly(Map.entry("WhatsApp: needs template", 1));
			}
			else {
				assertThat(world.messages(person)).singleElement()
					.satisfies(message -> assertThat(message.get("channel")).isEqualTo(channel));
				assertThat(recipient.get("status")).isEqualTo("QUEUED");
				assertThat(tally.failed()).isZero();
				assertThat(tally.queued()).isEqualTo(1);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void countsDeliveredFailedAndRepliedPerRecipient(TestDatabase.Kind kind) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			long delivered = world.youngPerson(null);
			world.identity(delivered, "sms");
			long failed = world.youngPerson(null);
			world.identity(failed, "sms");
			long onTelegram = world.youngPerson(null);
			String chat = world.identity(onTelegram, "telegram");
			long stillQueued = world.youngPerson(null);
			String stillPhone = world.identity(stillQueued, "sms");
			long awaitingReport = world.youngPerson(null);
			world.identity(awaitingReport, "sms");
			long noChannel = world.youngPerson(null);
			long id = world.announce(AnnouncementWorld.now("Session tonight"));
			world.sender().runOnce().block();

			setStatus(world, delivered, "DELIVERED", null);
			setStatus(world, failed, "FAILED", "twilio 400/21610");
			setStatus(world, onTelegram, "SENT", null);
			setStatus(world, awaitingReport, "SENT", null);
			// replies: within 7 days counts, after does not; before the announcement
			// neither
			world.inbound(onTelegram, "telegram", chat, world.now().plusDays(2));
			world.inbound(stillQueued, "sms", stillPhone, world.now().plusDays(8));
			world.inbound(delivered, "sms", "x", world.now().minusHours(1));

			Tallies.Tally tally = world.tallies.of(world.sendId(id, Announcements.MAIN)).block();
			assertThat(tally.recipients()).isEqualTo(6);
			assertThat(tally.delivered()).as("an SMS with its report, and Telegram (no reports)").isEqualTo(2);
			assertThat(tally.sent()).isEqualTo(1);
			assertThat(tally.queued()).isEqualTo(1);
			assertThat(tally.failed()).isEqualTo(1);
			assertThat(tally.failures()).containsExactly(Map.entry("SMS: twilio 400/21610", 1));
			assertThat(tally.notSent()).isEqualTo(1);
			assertThat(tally.exclusions()).containsExactly(Map.entry(Reach.NO_CHANNEL, 1));
			assertThat(tally.replied()).isEqualTo(1);
			assertThat(noChannel).isPositive();
		}
	}

	private static void setStatus(AnnouncementWorld world, long youngPersonId, String status, String error) {
		long messageId = (Long) world.messages(youngPersonId).getFirst().get("id");
		world.db.sql("update message set status = :status where id = :id")
			.bind("status", status)
			.bind("id", messageId)
			.then()
			.block();
		if (error != null) {
			world.db.sql("update outbound set status = 'FAILED', last_error = :error where message_id = :id")
				.bind("error", error)
				.bind("id", messageId)
				.then()
				.block();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aScheduledAnnouncementIsNotSentEarly(TestDatabase.Kind kind) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			long person = world.youngPerson(null);
			world.identity(person, "sms");
			// 14:00 in London, two hours on
			long id = world.announce(
					new Draft("Drop-in at 3pm", "", "", "", "", "", "later", "2026-12-07", "14:00", "", "", false));
			AnnouncementSender sender = world.sender();
			sender.runOnce().block();
			world.clock.set(Instant.parse("2026-12-07T13:59:59Z"));
			sender.runOnce().block();
			assertThat(world.messages(person)).isEmpty();
			assertThat(world.recipients(id)).isEmpty();
			world.clock.set(Instant.parse("2026-12-07T14:00:00Z"));
			sender.runOnce().block();
			assertThat(world.messages(person)).hasSize(1);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void theReminderGoesTheDayBeforeTheEventAndACancelledOneNever(TestDatabase.Kind kind) {
		try (AnnouncementWorld world = new AnnouncementWorld(kind, NOON)) {
			long person = world.youngPerson(null);
			world.identity(person, "sms");
			// event Thursday 10 December 18:00 London: reminder Wednesday 18:00
			long id = world.announce(new Draft("Rights session, Thursday 6pm, online.", "", "", "", "", "", "now", "",
					"", "2026-12-10", "18:00", true));
			long cancelled = world.announce(
					new Draft("Cancelled session", "", "", "", "", "", "now", "", "", "2026-12-10", "18:00", true));
			AnnouncementSender sender = world.sender();
			sender.runOnce().block();
			assertThat(world.messages(person)).hasSize(2);
			assertThat(world.announcements.cancel(cancelled, world.admin).block()).isTrue();

			world.clock.set(Instant.parse("2026-12-09T17:59:00Z"));
			sender.runOnce().block();
			assertThat(world.messages(person)).hasSize(2);
			world.clock.set(Instant.parse("2026-12-09T18:00:00Z"));
			sender.runOnce().block();
			assertThat(world.messages(person)).hasSize(3)
				.last()
				.satisfies(message -> assertThat(message.get("text")).isEqualTo(
						"Reminder: this is tomorrow, Thursday 10 December at 18:00.\n\nRights session, Thursday 6pm, online."));
			world.clock.advance(Duration.ofDays(2));
			sender.runOnce().block();
			assertThat(world.messages(person)).hasSize(3);
			assertThat(world.count("select count(*) from announcement_send where status = 'CANCELLED'")).isEqualTo(1);
			assertThat(world.recipients(id)).extracting(row -> row.get("kind") + ":" + row.get("status"))
				.containsExactly("MAIN:QUEUED", "REMINDER:QUEUED");
		}
	}

}
