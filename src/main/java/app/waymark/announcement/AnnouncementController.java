package app.waymark.announcement;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.waymark.channel.SendWindows;
import app.waymark.people.CaseloadAccess;
import app.waymark.people.Role;
import app.waymark.people.Worker;
import app.waymark.system.Sealer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The announcement screens: the list, the form with its preview, and each announcement's
 * status. For admins (everyone) and managers (their team); a worker gets 403.
 */
@Controller
@RequestMapping("/admin/announcements")
class AnnouncementController {

	/** Announcements on the list page, newest first. */
	static final int LISTED = 50;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);

	private final CaseloadAccess access;

	private final Announcements announcements;

	private final Previews previews;

	private final Reach reach;

	private final Tallies tallies;

	private final AnnouncementSettings settings;

	private final Clock clock;

	private final SendWindows windows;

	private final Sealer sealer;

	AnnouncementController(CaseloadAccess access, Announcements announcements, Previews previews, Reach reach,
			Tallies tallies, AnnouncementSettings settings, Clock clock, SendWindows windows, Sealer sealer) {
		this.access = access;
		this.announcements = announcements;
		this.previews = previews;
		this.reach = reach;
		this.tallies = tallies;
		this.settings = settings;
		this.clock = clock;
		this.windows = windows;
		this.sealer = sealer;
	}

	/** Forms carry the CSRF token; subscribing here also makes sure one is saved. */
	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token;
	}

	/** An admin or a manager; a worker may not send to many. */
	private Mono<Worker> author(Principal principal) {
		return this.access.caller(principal)
			.flatMap(worker -> worker.role() == Role.WORKER ? Mono
				.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Announcements are for managers and admins."))
					: Mono.just(worker));
	}

	/**
	 * One row of the list.
	 *
	 * @param id the announcement
	 * @param excerpt the start of its text
	 * @param audience who it is for, in words
	 * @param state Scheduled, Sending, Sent or Cancelled
	 * @param when when it goes or went
	 * @param reminder when its reminder goes, or null
	 * @param tally what became of the main send
	 * @param readOnly an admin's announcement a manager sees because it reached their
	 * team
	 */
	record Row(long id, String excerpt, String audience, String state, String when, String reminder,
			Tallies.Tally tally, boolean readOnly) {
	}

	@GetMapping
	Mono<Rendering> list(Principal principal) {
		return author(principal).flatMap(worker -> this.announcements.list(worker, LISTED)
			.collectList()
			.flatMap(list -> this.announcements.sends(list.stream().map(Announcements.Announcement::id).toList())
				.collectMultimap(Announcements.Send::announcementId)
				.flatMap(sends -> Flux.fromIterable(list)
					.concatMap(announcement -> row(announcement,
							List.copyOf(sends.getOrDefault(announcement.id(), List.of())),
							!Announcements.manages(worker, announcement)))
					.collectList()))
			.map(rows -> Rendering.view("announcement/list")
				.modelAttribute("worker", worker)
				.modelAttribute("rows", rows)
				.build()));
	}

	private Mono<Row> row(Announcements.Announcement announcement, List<Announcements.Send> sends, boolean readOnly) {
		Announcements.Send main = sends.stream().filter(send -> !send.reminder()).findFirst().orElse(null);
		Announcements.Send reminder = sends.stream().filter(Announcements.Send::reminder).findFirst().orElse(null);
		Mono<Tallies.Tally> tally = main == null || !"EXPANDED".equals(main.status()) ? Mono.just(Tallies.Tally.none())
				: this.tallies.of(main.id());
		return tally
			.map(t -> new Row(announcement.id(), excerpt(announcement.body()), announcement.audience().describe(),
					state(announcement, sends, t), main == null ? "" : when(main.sendAt()),
					reminder == null ? null : when(reminder.sendAt()), t, readOnly));
	}

	static String state(Announcements.Announcement announcement, List<Announcements.Send> sends,
			Tallies.Tally mainTally) {
		if (announcement.cancelledAt() != null) {
			return "Cancelled";
		}
		boolean anyScheduled = sends.stream().anyMatch(send -> "SCHEDULED".equals(send.status()));
		boolean anyExpanded = sends.stream().anyMatch(send -> "EXPANDED".equals(send.status()));
		if (!anyExpanded) {
			return "Scheduled";
		}
		if (mainTally.waiting() > 0) {
			return "Sending";
		}
		return anyScheduled ? "Sent, reminder scheduled" : "Sent";
	}

	@GetMapping("/new")
	Mono<Rendering> form(Principal principal) {
		return author(principal).flatMap(worker -> formPage(worker, Draft.empty(), Map.of(), null, HttpStatus.OK));
	}

	/**
	 * The form's two buttons: "Preview" shows the count and each channel's text;
	 * "Schedule" stores it (after the same checks) and shows its status page.
	 */
	@PostMapping("/new")
	Mono<Rendering> submit(Principal principal, ServerWebExchange exchange) {
		return author(principal).flatMap(worker -> exchange.getFormData().flatMap(form -> {
			Draft draft = Draft.of(form);
			Draft.Checked checked = draft.check(worker, this.settings.zone(), Instant.now(this.clock));
			if (!checked.ok()) {
				return formPage(worker, draft, checked.errors(), null, HttpStatus.BAD_REQUEST);
			}
			if (!"schedule".equals(form.getFirst("action"))) {
				return preview(checked.checked())
					.flatMap(preview -> formPage(worker, draft, Map.of(), preview, HttpStatus.OK));
			}
			return this.announcements.create(checked.checked(), worker)
				.flatMap(id -> this.access.audit(worker, "CREATE_ANNOUNCEMENT", "ANNOUNCEMENT", id).thenReturn(id))
				.map(id -> seeOther("/admin/announcements/" + id));
		}));
	}

	private Mono<Rendering> formPage(Worker worker, Draft draft, Map<String, String> errors, Preview preview,
			HttpStatus status) {
		String scope = Announcements.scopeOf(worker);
		return Mono.zip(this.announcements.teams(scope), this.announcements.languages(scope)).map(lists -> {
			Rendering.Builder<?> view = Rendering.view("announcement/new")
				.status(status)
				.modelAttribute("worker", worker)
				.modelAttribute("draft", draft)
				.modelAttribute("errors", errors)
				.modelAttribute("teams", lists.getT1())
				.modelAttribute("languages", lists.getT2())
				.modelAttribute("maxLength", Draft.MAX_LENGTH)
				.modelAttribute("zone", this.settings.zone().getId());
			if (preview != null) {
				view.modelAttribute("preview", preview);
			}
			return view.build();
		});
	}

	/**
	 * What sending it would do: how many it reaches and by which channel, who is left out
	 * and why, and the text each channel would send.
	 *
	 * @param matched young people the audience holds now
	 * @param reachable those a channel can reach
	 * @param byChannel reachable ones by their first channel, in words
	 * @param optedOut left out: opted out
	 * @param noChannel left out: no linked channel
	 * @param needTemplate on WhatsApp outside its 24-hour window with no template and no
	 * other channel: they would fail with "needs template" if it went now
	 * @param audience who it is for, in words
	 * @param sendAt when it goes, in words
	 * @param reminderAt when the reminder goes, in words, or null
	 * @param channels each channel's rendering of the announcement
	 * @param reminder the SMS rendering of the reminder, or null
	 */
	record Preview(int matched, int reachable, Map<String, Integer> byChannel, int optedOut, int noChannel,
			int needTemplate, String audience, String sendAt, String reminderAt, List<Previews.Preview> channels,
			Previews.Preview reminder) {
	}

	private Mono<Preview> preview(Draft.Checked.Valid draft) {
		Audience audience = draft.audience();
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.settings.zone()));
		return this.announcements.candidates(audience.scopeTeam())
			.map(all -> audience.of(all, now.toLocalDate()))
			.flatMap(people -> this.reach.of(people.stream().map(Audience.Candidate::id).toList()))
			.flatMap(ways -> Flux.fromIterable(ways.values())
				.filter(way -> way.excluded() == null && "whatsapp".equals(way.channel()))
				.concatMap(way -> blocked(way.routes()))
				.filter(Boolean::booleanValue)
				.count()
				.map(needTemplate -> {
					Map<String, Integer> byChannel = new LinkedHashMap<>();
					int optedOut = 0;
					int noChannel = 0;
					for (Reach.Way way : ways.values()) {
						if (Reach.OPTED_OUT.equals(way.excluded())) {
							optedOut++;
						}
						else if (way.excluded() != null) {
							noChannel++;
						}
						else {
							byChannel.merge(Previews.label(way.channel()), 1, Integer::sum);
						}
					}
					int reachable = ways.size() - optedOut - noChannel;
					Previews.Preview reminder = draft.reminderBody() == null ? null
							: this.previews.of(draft.reminderBody())
								.stream()
								.filter(p -> "sms".equals(p.channel()))
								.findFirst()
								.orElse(null);
					return new Preview(ways.size(), reachable, byChannel, optedOut, noChannel, needTemplate.intValue(),
							audience.describe(),
							draft.sendAt().isAfter(Instant.now(this.clock).plusSeconds(60)) ? when(draft.sendAt())
									: "now",
							draft.reminderAt() == null ? null : when(draft.reminderAt()),
							this.previews.of(draft.body()), reminder);
				}));
	}

	/** Whether no route of theirs would take an announcement now. */
	private Mono<Boolean> blocked(List<Reach.Route> routes) {
		return Flux.fromIterable(routes)
			.concatMap(route -> this.windows
				.refusal(route.channel(), this.sealer.open(route.sealedAddress()), Previews.KIND)
				.map(reason -> false)
				.defaultIfEmpty(true))
			.any(Boolean::booleanValue)
			.map(someTakes -> !someTakes);
	}

	/**
	 * One send on the status page.
	 *
	 * @param label "Announcement" or "Reminder"
	 * @param when when it goes or went
	 * @param state Scheduled, Sent or Cancelled
	 * @param text what it sends
	 * @param tally what became of it (none while scheduled)
	 */
	record SendView(String label, String when, String state, String text, Tallies.Tally tally) {
	}

	@GetMapping("/{id}")
	Mono<Rendering> status(@PathVariable long id, Principal principal) {
		return author(principal).flatMap(worker -> this.announcements.find(id, worker)
			.flatMap(announcement -> this.announcements.sends(id)
				.concatMap(send -> ("EXPANDED".equals(send.status()) ? this.tallies.of(send.id())
						: Mono.just(Tallies.Tally.none()))
					.map(tally -> new SendView(send.reminder() ? "Reminder" : "Announcement", when(send.sendAt()),
							switch (send.status()) {
								case "EXPANDED" -> tally.waiting() > 0 ? "Sending" : "Sent";
								case "CANCELLED" -> "Cancelled";
								default -> "Scheduled";
							}, send.body(), tally)))
				.collectList()
				.map(sends -> Rendering.view("announcement/status")
					.modelAttribute("worker", worker)
					.modelAttribute("announcement", announcement)
					.modelAttribute("title", "Announcement: " + excerpt(announcement.body(), 40))
					.modelAttribute("heading", excerpt(announcement.body(), 60))
					.modelAttribute("audience", announcement.audience().describe())
					.modelAttribute("created", when(announcement.createdAt()))
					.modelAttribute("event",
							announcement.eventAt() == null ? null : when(announcement.eventAt().toInstant()))
					.modelAttribute("sends", sends)
					.modelAttribute("readOnly", !Announcements.manages(worker, announcement))
					.modelAttribute("cancellable", Announcements.manages(worker, announcement)
							&& announcement.cancelledAt() == null
							&& sends.stream()
								.anyMatch(send -> "Scheduled".equals(send.state()) || send.tally().waiting() > 0))
					.modelAttribute("state", overall(announcement, sends))
					.build())));
	}

	private static String overall(Announcements.Announcement announcement, List<SendView> sends) {
		if (announcement.cancelledAt() != null) {
			return "Cancelled";
		}
		if (sends.stream().allMatch(send -> "Scheduled".equals(send.state()))) {
			return "Scheduled";
		}
		return sends.stream().anyMatch(send -> "Sending".equals(send.state())) ? "Sending" : "Sent";
	}

	@PostMapping("/{id}/cancel")
	Mono<Rendering> cancel(@PathVariable long id, Principal principal) {
		return author(principal).flatMap(worker -> this.announcements.find(id, worker)
			.filter(announcement -> Announcements.manages(worker, announcement))
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN,
					"An admin sent this announcement: only an admin can cancel it.")))
			.then(this.announcements.cancel(id, worker))
			.flatMap(cancelled -> !cancelled ? Mono.just(false)
					: this.access.audit(worker, "CANCEL_ANNOUNCEMENT", "ANNOUNCEMENT", id).thenReturn(true))
			.thenReturn(seeOther("/admin/announcements/" + id)));
	}

	private String when(OffsetDateTime at) {
		return when(at.toInstant());
	}

	private String when(Instant at) {
		return WHEN.format(at.atZone(this.settings.zone()));
	}

	static String excerpt(String body) {
		return excerpt(body, 90);
	}

	static String excerpt(String body, int max) {
		String flat = body.replaceAll("\\s+", " ").strip();
		return flat.length() <= max ? flat : flat.substring(0, max - 1).strip() + "\u2026";
	}

	/** 303 See Other: a reload of the page it lands on never posts the form again. */
	private static Rendering seeOther(String location) {
		return Rendering.redirectTo(location).build();
	}

}
