package app.waymark.workerapp;

import java.time.Clock;

import app.waymark.alert.AlertSettings;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * What every page built on {@code app/layout} may use, whichever feature's controller
 * renders it: {@code staffRole} (ADMIN, MANAGER or WORKER; absent when signed out) for
 * the navigation, and {@code when} for times in words.
 */
@ControllerAdvice
class PageModel {

	private final TimeWords when;

	PageModel(Clock clock, AlertSettings alerts) {
		// workers' own zone: the one their working hours are in
		this.when = new TimeWords(clock, alerts.zone());
	}

	@ModelAttribute("when")
	TimeWords when() {
		return this.when;
	}

	@ModelAttribute("staffRole")
	Mono<String> staffRole(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(Authentication.class::isInstance)
			.map(principal -> role((Authentication) principal));
	}

	static String role(Authentication authentication) {
		String role = "WORKER";
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if ("ROLE_ADMIN".equals(authority.getAuthority())) {
				return "ADMIN";
			}
			if ("ROLE_MANAGER".equals(authority.getAuthority())) {
				role = "MANAGER";
			}
		}
		return role;
	}

}
