package app.waymark.alert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server for tests: accepts every message on a local port and keeps the raw
 * DATA of each. Enough of RFC 5321 for JavaMail's plain, unauthenticated send.
 */
final class SmtpStub implements AutoCloseable {

	final List<String> messages = new CopyOnWriteArrayList<>();

	private final ServerSocket server;

	SmtpStub() {
		try {
			this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread accept = new Thread(this::accept, "smtp-stub");
		accept.setDaemon(true);
		accept.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				session(socket);
			}
			catch (IOException ex) {
				// closed, or a client gave up: wait for the next
			}
		}
	}

	private void session(Socket socket) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
		OutputStream out = socket.getOutputStream();
		reply(out, "220 stub ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
			switch (command) {
				case "EHLO", "HELO" -> reply(out, "250 stub");
				case "DATA" -> {
					reply(out, "354 go on");
					StringBuilder data = new StringBuilder();
					while ((line = in.readLine()) != null && !line.equals(".")) {
						data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
					}
					this.messages.add(data.toString());
					reply(out, "250 queued");
				}
				case "QUIT" -> {
					reply(out, "221 bye");
					return;
				}
				default -> reply(out, "250 ok");
			}
		}
	}

	private static void reply(OutputStream out, String line) throws IOException {
		out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
