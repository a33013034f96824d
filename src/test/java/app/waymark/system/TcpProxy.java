package app.waymark.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on a loopback port in front of a server, that can be cut and restored: what
 * a database restart looks like from the application's side, without touching the shared
 * server. While cut, every open connection is closed both ways and each new one is
 * accepted and closed at once (as a server that is starting up or shutting down refuses
 * clients), or, in {@link Cut#HOLD} mode, accepted and left silent (a network partition:
 * nothing answers, nothing is refused).
 */
final class TcpProxy implements AutoCloseable {

	enum Cut {

		REFUSE, HOLD

	}

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger connections = new AtomicInteger();

	private volatile Cut cut;

	private volatile boolean closed;

	TcpProxy(String host, int port) throws IOException {
		this.target = new InetSocketAddress(host, port);
		this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().name("tcp-proxy-accept").start(this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Connections accepted so far, refused ones included. */
	int connections() {
		return this.connections.get();
	}

	/** Drops every open connection and refuses new ones until {@link #restore()}. */
	void cut() {
		cut(Cut.REFUSE);
	}

	void cut(Cut mode) {
		this.cut = mode;
		for (Socket socket : this.open) {
			reset(socket);
		}
	}

	/**
	 * Closes with a TCP reset, as a server killed mid-conversation does, rather than an
	 * orderly close.
	 */
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (IOException ex) {
			// already closed
		}
		quietlyClose(socket);
	}

	void restore() {
		Cut was = this.cut;
		this.cut = null;
		if (was == Cut.HOLD) {
			// held connections never reached the server; a client gives up on them by
			// its own timeout, as it would after a partition
			for (Socket socket : this.open) {
				quietlyClose(socket);
			}
		}
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				continue;
			}
			this.connections.incrementAndGet();
			Cut mode = this.cut;
			if (mode == Cut.REFUSE) {
				quietlyClose(client);
				continue;
			}
			this.open.add(client);
			if (mode == Cut.HOLD) {
				continue;
			}
			Thread.ofVirtual().start(() -> relay(client));
		}
	}

	private void relay(Socket client) {
		Socket upstream = new Socket();
		try {
			upstream.connect(this.target, 2_000);
		}
		catch (IOException ex) {
			quietlyClose(client);
			this.open.remove(client);
			return;
		}
		this.open.add(upstream);
		if (this.cut != null) {
			// cut while connecting: the sockets may have missed the sweep
			quietlyClose(client);
			quietlyClose(upstream);
		}
		Thread.ofVirtual().start(() -> pump(client, upstream));
		pump(upstream, client);
	}

	/** Copies one direction until either side ends, then closes both. */
	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			for (int read; (read = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed, or the proxy was cut
		}
		finally {
			quietlyClose(from);
			quietlyClose(to);
			this.open.remove(from);
			this.open.remove(to);
		}
	}

	private static void quietlyClose(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that is wanted
		}
	}

	@Override
	public void close() {
		this.closed = true;
		quietlyClose(this.server);
		cut();
	}

	private static void quietlyClose(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing is all that is wanted
		}
	}

}
