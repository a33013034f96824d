# Sourced by .ci/run and the README commands: exports JAVA_HOME pointing at a JDK 21 or newer.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
	[ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
	major=$(java_major "$candidate")
	if [ "${major:-0}" -ge 21 ] 2>/dev/null; then pick="$candidate"; break; fi
done
if [ -z "$pick" ]; then
	echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one and set JAVA_HOME." >&2
	return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$pick"
export PATH="$JAVA_HOME/bin:$PATH"
