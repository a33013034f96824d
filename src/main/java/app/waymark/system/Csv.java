package app.waymark.system;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF. Enough for case-management exports and test tables, with line
 * numbers for error reports.
 */
public final class Csv {

	private Csv() {
	}

	/** One record and the line it starts on (1-based, the header is line 1). */
	public record Row(int line, List<String> fields) {

		public String get(int index) {
			return index < this.fields.size() ? this.fields.get(index) : "";
		}

	}

	/**
	 * @throws IllegalArgumentException when a quoted field is not closed, naming its line
	 */
	public static List<Row> parse(String text) {
		List<Row> rows = new ArrayList<>();
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		int line = 1;
		int rowStart = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
						field.append('"');
						i++;
					}
					else {
						quoted = false;
					}
				}
				else {
					if (c == '\n') {
						line++;
					}
					field.append(c);
				}
				continue;
			}
			switch (c) {
				case '"' -> {
					quoted = true;
					any = true;
				}
				case ',' -> {
					fields.add(field.toString());
					field.setLength(0);
					any = true;
				}
				case '\r' -> {
				}
				case '\n' -> {
					if (any || !field.isEmpty()) {
						fields.add(field.toString());
						rows.add(new Row(rowStart, List.copyOf(fields)));
					}
					fields.clear();
					field.setLength(0);
					any = false;
					line++;
					rowStart = line;
				}
				default -> {
					field.append(c);
					any = true;
				}
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("line " + rowStart + ": a quoted field is not closed");
		}
		if (any || !field.isEmpty()) {
			fields.add(field.toString());
			rows.add(new Row(rowStart, List.copyOf(fields)));
		}
		return rows;
	}

}
