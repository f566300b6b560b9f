#!/usr/bin/env bash
# AsyncGuard on real code. `bench/corpus.sh --help` lists the commands; README "Benchmarks" explains.
# Finds a JDK 21+ (JAVA_HOME if it is one, else the newest under /usr/lib/jvm), builds the checker
# jars if they are missing, then hands over to corpus.py.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$bench")"

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

pick_jdk() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n "$candidate" && -x "$candidate/bin/javac" ]] || continue
    major="$(java_major "$candidate")"
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [[ "$candidate" == "${JAVA_HOME:-}" && "$major" -ge 21 ]]; then echo "$candidate"; return; fi
    if (( major >= 21 && major > best_major )); then best="$candidate"; best_major="$major"; fi
  done
  echo "$best"
}

jdk="${BENCH_JAVA_HOME:-$(pick_jdk)}"
if [[ -z "$jdk" ]]; then
  echo "bench: no JDK 21+ found; set JAVA_HOME (or BENCH_JAVA_HOME) to a JDK 21 or newer" >&2
  exit 2
fi
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)"
if [[ "${1:-}" != "fetch" && "${1:-}" != "-h" && "${1:-}" != "--help" && \
      ! -f "$root/checker/target/asyncguard-checker-$version.jar" ]]; then
  echo "bench: building the checker first (mvn -B -q install -DskipTests)" >&2
  (cd "$root" && mvn -B -q install -DskipTests)
fi
BENCH_JAVA_HOME="$jdk" exec python3 "$bench/corpus.py" "$@"
