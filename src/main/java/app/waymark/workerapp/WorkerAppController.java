package app.waymark.workerapp;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import app.waymark.alert.AlertSettings;
import app.waymark.alert.Alerts;
import app.waymark.checkin.CheckInPlans;
import app.waymark.checkin.Frequency;
import app.waymark.channel.Channels;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.Replies;
import app.waymark.people.CaseloadAccess;
import app.waymark.people.LinkCodes;
import app.waymark.people.Role;
import app.waymark.people.Worker;
import app.waymark.people.YoungPerson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The worker web app: caseload, alerts inbox, a young person's page and their
 * pathway-plan export. Who may see whom is the people feature's rule
 * ({@link CaseloadAccess}); every page view and action is audited.
 */
@Controller
@RequestMapping("/app")
class WorkerAppController {

	private final CaseloadAccess access;

	private final Records records;

	private final Alerts alerts;

	private final Replies replies;

	private final LinkCodes linkCodes;

	private final WorkerAppSettings settings;

	private final CheckInPlans plans;

	private final Channels channels;

	private final Timeline timeline;

	private final Notes notes;

	private final CannedReplies canned;

	private final AlertSettings alertSettings;

	WorkerAppController(CaseloadAccess access, Records records, Alerts alerts, Replies replies, LinkCodes linkCodes,
			WorkerAppSettings settings, CheckInPlans plans, Channels channels, Timeline timeline, Notes notes,
			CannedReplies canned, AlertSettings alertSettings) {
		this.timeline = timeline;
		this.notes = notes;
		this.canned = canned;
		this.alertSettings = alertSettings;
		this.channels = channels;
		this.plans = plans;
		this.access = access;
		this.records = records;
		this.alerts = alerts;
		this.replies = replies;
		this.linkCodes = linkCodes;
		this.settings = settings;
	}

	/** Forms carry the CSRF token; subscribing here also makes sure one is saved. */
	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token;
	}

	@GetMapping
	Mono<Rendering> caseload(Principal principal, @RequestParam(required = false) String status,
			@RequestParam(required = false) String name, @RequestParam(defaultValue = "status") String sort) {
		Rag wanted = parseStatus(status);
		String needle = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
		Comparator<Views.CaseloadRow> order = switch (sort) {
			case "name" -> Comparator.comparing(row -> row.name().toLowerCase(Locale.ROOT));
			case "contact" ->
				Comparator.comparing(Views.CaseloadRow::lastContact, Comparator.nullsFirst(Comparator.naturalOrder()));
			default -> Comparator.comparing(Views.CaseloadRow::status)
				.thenComparing(row -> row.name().toLowerCase(Locale.ROOT));
		};
		return this.access.caller(principal)
			.flatMap(worker -> this.access.caseload(worker)
				.collectList()
				.flatMapMany(this.records::caseloadRows)
				.filter(row -> wanted == null || row.status() == wanted)
				.filter(row -> needle.isEmpty() || row.name().toLowerCase(Locale.ROOT).contains(needle)
						|| row.caseReference().toLowerCase(Locale.ROOT).contains(needle))
				.sort(order)
				.collectList()
				.flatMap(rows -> this.access.audit(worker, "VIEW_CASELOAD", "WORKER", worker.id())
					.thenReturn(Rendering.view("app/caseload")
						.modelAttribute("worker", worker)
						.modelAttribute("rows", rows)
						.modelAttribute("status", wanted == null ? "" : wanted.name())
						.modelAttribute("name", name == null ? "" : name)
						.modelAttribute("sort", sort)
						.build())));
	}

	private static Rag parseStatus(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return Rag.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Status must be red, amber or green.");
		}
	}

	@GetMapping("/alerts")
	Mono<Rendering> alertsInbox(Principal principal) {
		return this.access.caller(principal)
			.flatMap(worker -> alertGroups(worker)
				.flatMap(groups -> this.access.audit(worker, "VIEW_ALERTS", "WORKER", worker.id())
					.thenReturn(Rendering.view("app/alerts")
						.modelAttribute("worker", worker)
						.modelAttribute("alerts", groups)
						.modelAttribute("escalateAfter", minutes(this.alertSettings.escalateAfter()))
						.build())));
	}

	/**
	 * Just the alerts table, for the inbox to swap in when the stream says it changed.
	 */
	@GetMapping("/alerts/table")
	Mono<Rendering> alertsTable(Principal principal) {
		return this.access.caller(principal)
			.flatMap(worker -> alertGroups(worker)
				.map(groups -> Rendering.view("app/alerts :: table").modelAttribute("alerts", groups).build()));
	}

	/**
	 * Server-sent events: one "alerts" event whenever the set of open alerts the worker
	 * may see changes, polled from the table.
	 */
	@GetMapping(path = "/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	Flux<ServerSentEvent<String>> alertStream(Principal principal) {
		return this.access.caller(principal)
			.flatMapMany(worker -> Flux.interval(java.time.Duration.ZERO, this.settings.alertPoll())
				.concatMap(tick -> openAlerts(worker).map(row -> row.id() + ":" + row.status())
					.collect(Collectors.joining(","))))
			.distinctUntilChanged()
			.map(signature -> ServerSentEvent.<String>builder()
				.event("alerts")
				.data(signature.isEmpty() ? "0" : String.valueOf(signature.split(",").length))
				.build());
	}

	private Flux<Views.AlertRow> openAlerts(Worker worker) {
		return openAlerts(worker, Excerpt.NONE);
	}

	private Flux<Views.AlertRow> openAlerts(Worker worker, Excerpt excerpt) {
		return this.access.caseload(worker)
			.map(YoungPerson::id)
			.collect(Collectors.toSet())
			.flatMapMany(ids -> this.records.openAlerts(ids, worker.id(), excerpt));
	}

	private Mono<List<AlertGroup>> alertGroups(Worker worker) {
		return openAlerts(worker, this.settings.excerpt()).collectList()
			.map(rows -> AlertGroup.of(rows, this.alertSettings.escalateAfter()));
	}

	private static String minutes(java.time.Duration duration) {
		long minutes = duration.toMinutes();
		return minutes < 60 ? minutes + " min" : duration.toHours() + " h"
				+ (duration.toMinutesPart() == 0 ? "" : " " + duration.toMinutesPart() + " min");
	}

	/**
	 * Acknowledges an alert and the repeats shown with it on the same card
	 * ({@code also}); each is checked on its own.
	 */
	@PostMapping("/alerts/{id}/acknowledge")
	Mono<ResponseEntity<Void>> acknowledge(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return this.access.caller(principal)
			.flatMap(worker -> exchange.getFormData()
				.map(form -> alsoIds(form, id))
				.flatMapMany(Flux::fromIterable)
				.concatMap(alertId -> acknowledgeOne(worker, alertId))
				.then())
			.thenReturn(seeOther("/app/alerts"));
	}

	private static List<Long> alsoIds(MultiValueMap<String, String> form, long id) {
		List<Long> ids = new java.util.ArrayList<>(List.of(id));
		for (String also : form.getOrDefault("also", List.of())) {
			try {
				long other = Long.parseLong(also.strip());
				if (!ids.contains(other)) {
					ids.add(other);
				}
			}
			catch (NumberFormatException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Alert ids are numbers.");
			}
		}
		if (ids.size() > 100) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Too many alerts at once.");
		}
		return ids;
	}

	private Mono<Void> acknowledgeOne(Worker worker, long id) {
		return this.records.alertSubject(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such alert.")))
			.flatMap(subject -> mayHandle(worker, subject))
			.then(this.alerts.acknowledge(id, worker.id(), "WEB"))
			.flatMap(changed -> this.access.audit(worker, "ACKNOWLEDGE_ALERT", "ALERT", id));
	}

	private Mono<Void> mayHandle(Worker worker, Long[] subject) {
		Long youngPersonId = subject[0];
		Long addressedTo = subject[1];
		if (youngPersonId != null) {
			return this.access.youngPerson(worker, youngPersonId).then();
		}
		if (worker.role() == Role.ADMIN || (addressedTo != null && addressedTo == worker.id())) {
			return Mono.empty();
		}
		return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "This alert is not yours."));
	}

	@GetMapping("/young-people/{id}")
	Mono<Rendering> youngPerson(@PathVariable long id, Principal principal,
			@RequestParam(required = false) Long before) {
		return page(id, principal, null, null, before);
	}

	private Mono<Rendering> page(long id, Principal principal, LinkCodes.Issued code, String notice, Long before) {
		return this.access.caller(principal)
			.flatMap(
					worker -> this.access.youngPerson(worker, id)
						.flatMap(
								person -> Mono
									.zip(this.records.caseloadRow(person),
											this.timeline.page(id,
													person.preferredName() == null ? person.name()
															: person.preferredName(),
													before, this.settings.conversationLength()),
											this.records.plan(id), this.canned.all().collectList())
									// reading their messages is audited, page by page
									.flatMap(t -> this.access.audit(worker, "VIEW", "YOUNG_PERSON", id).thenReturn(t)))
						.map(t -> {
							Rendering.Builder<?> view = Rendering.view("app/young-person")
								.modelAttribute("worker", worker)
								.modelAttribute("person", t.getT1())
								.modelAttribute("timeline", t.getT2())
								.modelAttribute("older", before != null)
								.modelAttribute("plan", t.getT3())
								.modelAttribute("canned", t.getT4())
								.modelAttribute("frequencies", Records.FREQUENCIES)
								.modelAttribute("channelOrders", this.channels.orders())
								.modelAttribute("today", this.records.now().toLocalDate().toString())
								.modelAttribute("maxReply", Replies.MAX_LENGTH)
								.modelAttribute("maxNote", Notes.MAX_LENGTH);
							if (code != null) {
								view.modelAttribute("linkCode", code);
							}
							if (notice != null) {
								view.modelAttribute("notice", notice);
							}
							return view.build();
						}));
	}

	/**
	 * A private note on the timeline: other workers who may see them read it; they never
	 * do.
	 */
	@PostMapping("/young-people/{id}/notes")
	Mono<ResponseEntity<Void>> note(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id)
				.then(exchange.getFormData())
				.flatMap(form -> this.notes.add(id, worker.id(), first(form, "text")))
				.then(this.access.audit(worker, "ADD_NOTE", "YOUNG_PERSON", id)))
			.thenReturn(seeOther("/app/young-people/" + id + "#timeline-end"));
	}

	@PostMapping("/young-people/{id}/reply")
	Mono<ResponseEntity<Void>> reply(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id)
				.then(exchange.getFormData())
				.flatMap(form -> replyText(form).flatMap(text -> this.replies.fromWorker(worker, id, text))))
			.thenReturn(seeOther("/app/young-people/" + id + "#conversation"));
	}

	/**
	 * What the worker typed; or, with nothing typed, the canned reply they chose (the
	 * form works without the script that copies it into the box).
	 */
	private Mono<String> replyText(MultiValueMap<String, String> form) {
		String text = first(form, "text");
		String chosen = first(form, "canned").strip();
		if (!text.isBlank() || chosen.isEmpty()) {
			return Mono.just(text);
		}
		try {
			return this.canned.find(Long.parseLong(chosen))
				.map(Views.CannedReply::body)
				.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
						"That canned reply no longer exists; choose another.")));
		}
		catch (NumberFormatException ex) {
			return Mono
				.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "Choose a canned reply from the list."));
		}
	}

	@PostMapping("/young-people/{id}/link-code")
	Mono<Rendering> linkCode(@PathVariable long id, Principal principal) {
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id)
				.then(this.linkCodes.forYoungPerson(id, worker.id()))
				.flatMap(code -> this.access.audit(worker, "CREATE_LINK_CODE", "YOUNG_PERSON", id).thenReturn(code)))
			.flatMap(code -> page(id, principal, code, null, null));
	}

	@PostMapping("/young-people/{id}/plan")
	Mono<ResponseEntity<Void>> plan(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id).then(exchange.getFormData()).flatMap(form -> {
				String frequency = first(form, "frequency");
				String order = first(form, "channelOrder");
				if (!Records.FREQUENCIES.contains(frequency) || !this.channels.orders().contains(order)) {
					return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
							"Choose a frequency and a channel order from the lists."));
				}
				return this.plans.change(id, Frequency.valueOf(frequency), order);
			}).then(this.access.audit(worker, "CHANGE_PLAN", "YOUNG_PERSON", id)))
			.thenReturn(seeOther("/app/young-people/" + id + "#plan"));
	}

	@GetMapping(path = "/young-people/{id}/voice.csv")
	Mono<ResponseEntity<String>> voiceCsv(@PathVariable long id, Principal principal,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Period period = Period.parse(from, to, this.records.now().toLocalDate());
		return voice(id, principal, period).map(rows -> ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
			.header("Content-Disposition",
					ContentDisposition.attachment()
						.filename("voice-" + id + "-" + period.from() + "-" + period.to() + ".csv")
						.build()
						.toString())
			.header("Cache-Control", "no-store")
			.body(VoiceCsv.write(rows)));
	}

	@GetMapping("/young-people/{id}/voice")
	Mono<Rendering> voicePage(@PathVariable long id, Principal principal, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Period period = Period.parse(from, to, this.records.now().toLocalDate());
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id))
			.zipWith(voice(id, principal, period))
			.map(t -> Rendering.view("app/voice")
				.modelAttribute("person", t.getT1())
				.modelAttribute("rows", t.getT2())
				.modelAttribute("from", period.from().toString())
				.modelAttribute("to", period.to().toString())
				.build());
	}

	private Mono<List<Views.VoiceRow>> voice(long id, Principal principal, Period period) {
		return this.access.caller(principal)
			.flatMap(worker -> this.access.youngPerson(worker, id)
				.then(this.records.voice(id, period.start(), period.end()).collectList())
				.flatMap(rows -> this.access.audit(worker, "EXPORT_VOICE", "YOUNG_PERSON", id).thenReturn(rows)));
	}

	/** A period of whole days, both ends included; the last 90 days when not given. */
	record Period(LocalDate from, LocalDate to) {

		static Period parse(String from, String to, LocalDate today) {
			try {
				LocalDate end = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
				LocalDate start = from == null || from.isBlank() ? end.minusDays(90) : LocalDate.parse(from.strip());
				if (start.isAfter(end)) {
					throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'from' must not be after 'to'.");
				}
				return new Period(start, end);
			}
			catch (DateTimeParseException ex) {
				throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Dates must look like 2026-11-24.");
			}
		}

		OffsetDateTime start() {
			return this.from.atStartOfDay().atOffset(ZoneOffset.UTC);
		}

		OffsetDateTime end() {
			return this.to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		}

	}

	private static String first(MultiValueMap<String, String> form, String key) {
		String value = form.getFirst(key);
		return value == null ? "" : value;
	}

	private static ResponseEntity<Void> seeOther(String location) {
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build();
	}

}
