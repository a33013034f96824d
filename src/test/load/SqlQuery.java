import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Runs one SQL statement over JDBC and prints the rows of a query each on a line, columns
 * joined by '|' (null as empty). For crash.sh, which must read the embedded H2 file while the application is
 * stopped (H2 locks it while open) and reads PostgreSQL the same way; run with the JDBC
 * drivers from the application's jar on the class path.
 *
 * <p>
 * Arguments: jdbcUrl user sql
 */
public class SqlQuery {

	public static void main(String[] args) throws Exception {
		try (Connection connection = DriverManager.getConnection(args[0], args[1], "");
				Statement statement = connection.createStatement()) {
			if (!statement.execute(args[2])) {
				return;
			}
			ResultSet rows = statement.getResultSet();
			int columns = rows.getMetaData().getColumnCount();
			StringBuilder out = new StringBuilder();
			while (rows.next()) {
				for (int i = 1; i <= columns; i++) {
					String value = rows.getString(i);
					out.append(i > 1 ? "|" : "").append(value == null ? "" : value);
				}
				out.append('\n');
			}
			System.out.print(out);
		}
	}

}
