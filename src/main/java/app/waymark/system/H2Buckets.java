package app.waymark.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;

/**
 * Bucket4j's select-for-update store for the embedded H2 database, which lacks
 * PostgreSQL's {@code INSERT ... ON CONFLICT}: the same steps as Bucket4j's PostgreSQL
 * store (lock the row, or insert an empty one and retry; then write the new state), with
 * a duplicate key on insert meaning another request inserted it first.
 */
final class H2Buckets extends AbstractSelectForUpdateBasedProxyManager<String> {

	private final DataSource dataSource;

	private final String select;

	private final String insert;

	private final String update;

	private final String remove;

	private final CustomColumnProvider<String> expiresAt;

	H2Buckets(DataSource dataSource, String table, ExpirationAfterWriteStrategy expiry, TimeMeter time) {
		super(ClientSideConfig.getDefault()
			.withClientClock(time)
			.withExpirationAfterWriteStrategy(expiry)
			.withRequestTimeout(Duration.ofSeconds(3)));
		this.dataSource = dataSource;
		this.select = "select state from " + table + " where id = ? for update";
		this.insert = "insert into " + table + " (id, state) values (?, null)";
		this.update = "update " + table + " set state = ?, expires_at = ? where id = ?";
		this.remove = "delete from " + table + " where id = ?";
		this.expiresAt = CustomColumnProvider.createExpiresInColumnProvider("expires_at", expiry);
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

	@Override
	public void removeProxy(String key) {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(this.remove)) {
			statement.setString(1, key);
			statement.executeUpdate();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

	@Override
	protected SelectForUpdateBasedTransaction allocateTransaction(String key, Optional<Long> timeoutNanos) {
		Connection connection;
		try {
			connection = this.dataSource.getConnection();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
		return new SelectForUpdateBasedTransaction() {

			@Override
			public void begin(Optional<Long> timeout) {
				run(() -> connection.setAutoCommit(false));
			}

			@Override
			public void rollback() {
				run(connection::rollback);
			}

			@Override
			public void commit(Optional<Long> timeout) {
				run(connection::commit);
			}

			@Override
			public LockAndGetResult tryLockAndGet(Optional<Long> timeout) {
				try (PreparedStatement statement = connection.prepareStatement(H2Buckets.this.select)) {
					applyTimeout(statement, timeout);
					statement.setString(1, key);
					try (ResultSet rows = statement.executeQuery()) {
						return rows.next() ? LockAndGetResult.locked(rows.getBytes("state"))
								: LockAndGetResult.notLocked();
					}
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public boolean tryInsertEmptyData(Optional<Long> timeout) {
				try (PreparedStatement statement = connection.prepareStatement(H2Buckets.this.insert)) {
					applyTimeout(statement, timeout);
					statement.setString(1, key);
					return statement.executeUpdate() > 0;
				}
				catch (SQLException ex) {
					if ("23505".equals(ex.getSQLState())) {
						return false; // inserted by another request in between
					}
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void update(byte[] data, RemoteBucketState state, Optional<Long> timeout) {
				try (PreparedStatement statement = connection.prepareStatement(H2Buckets.this.update)) {
					applyTimeout(statement, timeout);
					statement.setBytes(1, data);
					H2Buckets.this.expiresAt.setCustomField(key, 2, statement, state, currentTimeNanos());
					statement.setString(3, key);
					statement.executeUpdate();
				}
				catch (SQLException ex) {
					throw new BucketExceptions.BucketExecutionException(ex);
				}
			}

			@Override
			public void release() {
				run(connection::close);
			}

		};
	}

	private interface Step {

		void run() throws SQLException;

	}

	private static void run(Step step) {
		try {
			step.run();
		}
		catch (SQLException ex) {
			throw new BucketExceptions.BucketExecutionException(ex);
		}
	}

}
