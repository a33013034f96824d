package app.waymark.workerapp;

import java.util.List;

/**
 * Writes the pathway-plan export as RFC 4180 CSV. A cell that a spreadsheet would run as
 * a formula (starting with = + - @ or a tab) gets a leading apostrophe, because the young
 * person's own words go into it.
 */
final class VoiceCsv {

	static final String HEADER = "time,type,channel,text";

	private VoiceCsv() {
	}

	static String write(List<Views.VoiceRow> rows) {
		StringBuilder out = new StringBuilder(HEADER).append("\r\n");
		for (Views.VoiceRow row : rows) {
			out.append(cell(row.at().toString()))
				.append(',')
				.append(cell(row.type()))
				.append(',')
				.append(cell(row.channel()))
				.append(',')
				.append(cell(row.text()))
				.append("\r\n");
		}
		return out.toString();
	}

	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

}
