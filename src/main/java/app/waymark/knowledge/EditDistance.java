package app.waymark.knowledge;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps, the commonest
 * typo).
 */
final class EditDistance {

	private EditDistance() {
	}

	static boolean within(String a, String b, int max) {
		return distance(a, b) <= max;
	}

	static int distance(String a, String b) {
		return distance(a.chars().toArray(), b.chars().toArray());
	}

	/** The same distance over any units: chars, or code points ({@link TypoQuery}). */
	static int distance(int[] a, int[] b) {
		int[][] d = new int[a.length + 1][b.length + 1];
		for (int i = 0; i <= a.length; i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length; j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length; i++) {
			for (int j = 1; j <= b.length; j++) {
				int cost = a[i - 1] == b[j - 1] ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length][b.length];
	}

}
