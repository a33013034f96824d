package app.waymark.channel.whatsapp;

import java.time.Clock;

import app.waymark.channel.SendWindow;
import app.waymark.system.Sealer;

import org.springframework.r2dbc.core.DatabaseClient;

/** WhatsApp's 24-hour rule as the application builds it, for tests that build by hand. */
public final class TestWhatsApp {

	private TestWhatsApp() {
	}

	/** The window over this database, with {@code announcementTemplate} ("" for none). */
	public static SendWindow window(DatabaseClient db, Sealer sealer, Clock clock, String announcementTemplate) {
		return new WhatsAppWindow(new WhatsAppSession(db, sealer, clock),
				new WhatsAppSettings("whatsapp:+447700900000", "", 10, "", "", "", "", announcementTemplate));
	}

}
