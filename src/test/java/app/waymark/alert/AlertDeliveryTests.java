package app.waymark.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivering and escalating alerts through the real outbound queue, on both databases.
 */
class AlertDeliveryTests {

	static final String ANN_PHONE = "+447700900101";

	static final String ANN_CHAT = "5550101";

	static final String DUTY_PHONE = "+447700900102";

	static final String MANAGER_PHONE = "+447700900103";

	private AlertWorld world;

	@AfterEach
	void close() {
		if (this.world != null) {
			this.world.close();
		}
	}

	/** Ann holds Jo; Dee is North's duty worker; Max manages North. */
	private record Team(long ann, long duty, long manager, long jo) {
	}

	private Team team(TestDatabase.Kind kind) {
		this.world = new AlertWorld(kind);
		long ann = this.world.worker("ann@example.org", "WORKER", "North", false, "SMS,TELEGRAM");
		long duty = this.world.worker("dee@example.org", "WORKER", "North", true, "SMS");
		long manager = this.world.worker("max@example.org", "MANAGER", "North", false, "SMS");
		this.world.worker("sue@example.org", "WORKER", "South", true, "SMS");
		this.world.link(ann, "sms", ANN_PHONE);
		this.world.link(ann, "telegram", ANN_CHAT);
		this.world.link(duty, "sms", DUTY_PHONE);
		this.world.link(manager, "sms", MANAGER_PHONE);
		long jo = this.world.youngPerson("C-1", "North", ann);
		return new Team(ann, duty, manager, jo);
	}

	private Alert raise(Long youngPerson) {
		Alert alert = this.world.alerts.raise(new NewAlert(youngPerson, AlertLevel.URGENT, "CRISIS", "self-harm", null))
			.block();
		this.world.delivery.deliverFirst(alert.id()).block();
		return alert;
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void urgentAlertGoesToTheWorkersOwnLinkedChannels(TestDatabase.Kind kind) {
		Team team = team(kind);
		Alert alert = raise(team.jo());
		List<AlertWorld.Sent> sent = this.world.outbound();
		assertThat(sent).extracting(AlertWorld.Sent::channel, AlertWorld.Sent::address, AlertWorld.Sent::workerId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("sms", ANN_PHONE, team.ann()),
					org.assertj.core.groups.Tuple.tuple("telegram", ANN_CHAT, team.ann()));
		assertThat(sent.get(0).text()).contains("URGENT alert " + alert.id())
			.contains("Jo - crisis (self-harm)")
			.contains("https://waymark.example/app/young-people/" + team.jo())
			.endsWith("Reply ACK " + alert.id());
		assertThat(sent.get(1).text()).doesNotContain("Reply ACK");
		assertThat(sent.get(1).extras()).isEqualTo(
				"{\"parseMode\":null,\"buttons\":[[{\"text\":\"Acknowledge\",\"data\":\"ack:" + alert.id() + "\"}]]}");
		assertThat(this.world.steps(alert.id())).containsExactly("RAISED", "SENT", "SENT");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void workerOnLeaveMeansTheDutyWorkerIsSentIt(TestDatabase.Kind kind) {
		Team team = team(kind);
		this.world.absent(team.ann());
		Alert alert = raise(team.jo());
		assertThat(alert.workerId()).isEqualTo(team.duty());
		assertThat(this.world.outbound()).extracting(AlertWorld.Sent::address).containsExactly(DUTY_PHONE);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void unknownSenderGoesToEveryOnDutyWorkerAndTheOutOfHoursContact(TestDatabase.Kind kind) {
		team(kind);
		long sue = this.world.worker("sue2@example.org", "WORKER", "South", true, "SMS");
		this.world.link(sue, "sms", "+447700900104");
		Alert alert = raise(null);
		assertThat(this.world.outbound()).extracting(AlertWorld.Sent::address)
			.containsExactly(DUTY_PHONE, "+447700900104", AlertWorld.OUT_OF_HOURS_PHONE);
		assertThat(this.world.outbound().get(0).text()).contains("an unknown sender");
		assertThat(this.world.steps(alert.id())).contains("NOT_SENT");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anAlertThatCouldNotBeDeliveredIsNotQueuedAgainForEver(TestDatabase.Kind kind) {
		Team team = team(kind);
		Alert failed = this.world.alerts
			.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "DELIVERY_FAILED", "alert", null))
			.block();
		Alert unknown = this.world.alerts.raise(new NewAlert(null, AlertLevel.NORMAL, "DELIVERY_FAILED", "alert", null))
			.block();
		this.world.delivery.deliverFirst(failed.id()).block();
		this.world.delivery.deliverFirst(unknown.id()).block();
		assertThat(this.world.outbound()).isEmpty();
		assertThat(this.world.steps(failed.id())).containsExactly("RAISED", "NOT_SENT");
		// a failed check-in is another matter: the worker is told by their channels
		Alert checkIn = this.world.alerts
			.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "DELIVERY_FAILED", "check_in", null))
			.block();
		this.world.delivery.deliverFirst(checkIn.id()).block();
		assertThat(this.world.outbound()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aChosenChannelThatIsNotLinkedIsNeverGuessed(TestDatabase.Kind kind) {
		this.world = new AlertWorld(kind);
		long ann = this.world.worker("ann@example.org", "WORKER", "North", false, "TELEGRAM");
		this.world.link(ann, "sms", ANN_PHONE);
		long jo = this.world.youngPerson("C-1", "North", ann);
		Alert alert = raise(jo);
		assertThat(this.world.outbound()).isEmpty();
		assertThat(this.world.steps(alert.id())).containsExactly("RAISED", "NOT_SENT");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void unacknowledgedInWorkingHoursEscalatesOnceToDutyWorkerAndManager(TestDatabase.Kind kind) {
		Team team = team(kind);
		Alert alert = raise(team.jo());
		AlertEscalation escalation = this.world.escalation();
		this.world.clock.advance(Duration.ofMinutes(14));
		assertThat(escalation.escalateDue().block()).as("not due yet").isZero();
		this.world.clock.advance(Duration.ofMinutes(1));
		assertThat(escalation.escalateDue().block()).isEqualTo(1);
		assertThat(escalation.escalateDue().block()).as("only once").isZero();
		Alert escalated = this.world.alerts.find(alert.id()).block();
		assertThat(escalated.status()).isEqualTo("ESCALATED");
		assertThat(escalated.escalatedAt().toInstant()).isEqualTo(AlertWorld.START.plus(Duration.ofMinutes(15)));
		List<AlertWorld.Sent> sent = this.world.outbound();
		assertThat(sent).extracting(AlertWorld.Sent::address)
			.containsExactly(ANN_PHONE, ANN_CHAT, DUTY_PHONE, MANAGER_PHONE);
		assertThat(sent.get(2).text()).contains("ESCALATED");
		assertThat(this.world.steps(alert.id())).containsExactly("RAISED", "SENT", "SENT", "SENT", "SENT", "ESCALATED");
		// still acknowledgeable after escalation
		assertThat(this.world.alerts.acknowledge(alert.id(), team.manager(), "api").block()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void acknowledgedAndNormalAlertsDoNotEscalate(TestDatabase.Kind kind) {
		Team team = team(kind);
		Alert acknowledged = raise(team.jo());
		this.world.alerts.acknowledge(acknowledged.id(), team.ann(), "api").block();
		this.world.alerts.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "CONCERN", null, null)).block();
		this.world.clock.advance(Duration.ofHours(2));
		assertThat(this.world.escalation().escalateDue().block()).isZero();
	}

	static Stream<Arguments> outOfHours() {
		return Stream.of(Arguments.of("Tuesday 08:59", "2026-11-24T08:44:00Z", true),
				Arguments.of("Tuesday 09:00", "2026-11-24T08:45:00Z", false),
				Arguments.of("Tuesday 16:59", "2026-11-24T16:44:00Z", false),
				Arguments.of("Tuesday 17:00", "2026-11-24T16:45:00Z", true),
				Arguments.of("Tuesday 23:30", "2026-11-24T23:15:00Z", true),
				Arguments.of("Saturday 11:00", "2026-11-28T10:45:00Z", true),
				Arguments.of("Sunday 14:00", "2026-11-29T13:45:00Z", true));
	}

	@ParameterizedTest(name = "{0}: out of hours {2}")
	@MethodSource("outOfHours")
	void escalationOutsideWorkingHoursGoesToTheOutOfHoursContact(String label, String raisedAt, boolean outOfHours) {
		this.world = null;
		Team team = team(TestDatabase.Kind.H2);
		this.world.clock.set(Instant.parse(raisedAt));
		Alert alert = raise(team.jo());
		this.world.clock.advance(Duration.ofMinutes(15));
		assertThat(this.world.escalation().escalateDue().block()).isEqualTo(1);
		List<String> escalatedTo = this.world.outbound().stream().skip(2).map(AlertWorld.Sent::address).toList();
		assertThat(escalatedTo).containsExactlyElementsOf(
				outOfHours ? List.of(AlertWorld.OUT_OF_HOURS_PHONE) : List.of(DUTY_PHONE, MANAGER_PHONE));
		assertThat(this.world.alerts.find(alert.id()).block().status()).isEqualTo("ESCALATED");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twoSchedulersRacingEscalateEachAlertExactlyOnce(TestDatabase.Kind kind) {
		Team team = team(kind);
		List<Long> ids = Stream.generate(() -> raise(team.jo()).id()).limit(8).toList();
		this.world.clock.advance(Duration.ofMinutes(20));
		AlertEscalation first = this.world.escalation();
		AlertEscalation second = this.world.escalation();
		int total = Mono
			.zip(first.escalateDue().subscribeOn(Schedulers.parallel()),
					second.escalateDue().subscribeOn(Schedulers.parallel()), Integer::sum)
			.block();
		assertThat(total).isEqualTo(ids.size());
		for (long id : ids) {
			assertThat(this.world.steps(id)).filteredOn("ESCALATED"::equals).hasSize(1);
		}
		// each escalation told the duty worker and the manager once: 8 x (2 first + 2
		// escalated)
		assertThat(this.world.outbound()).hasSize(ids.size() * 4);
	}

}
