#!/usr/bin/env bash
# Builds examples/ twice, as a user's build would: as shipped it must succeed with a warning from every
# AsyncGuard check; with -Pstrict (every check at ERROR) it must fail, naming each finding with file:line.
# Needs AsyncGuard installed in the local repository first (mvn -B install at the root).
set -euo pipefail
cd "$(dirname "$0")"
CHECKS=(DiscardedFuture FutureUsedAsValue BlockingCallInAsync)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "examples: default build (findings are warnings)"
if ! mvn -B -f pom.xml clean compile >"$log" 2>&1; then
  cat "$log"; echo "FAIL: the example must compile with AsyncGuard's default severity" >&2; exit 1
fi
for check in "${CHECKS[@]}"; do
  if ! grep -Eq "WARNING\].*\.java:\[[0-9]+,[0-9]+\] \[$check\]" "$log"; then
    cat "$log"; echo "FAIL: no $check warning with file and line in the default build" >&2; exit 1
  fi
done
grep -E "\.java:\[[0-9]+,[0-9]+\] \[(DiscardedFuture|FutureUsedAsValue|BlockingCallInAsync)\]" "$log" | sed 's/^.*examples\///' | cut -c1-160

echo "examples: strict build (-Pstrict: findings are errors)"
if mvn -B -f pom.xml clean compile -Pstrict >"$log" 2>&1; then
  cat "$log"; echo "FAIL: the strict build must fail on AsyncGuard's findings" >&2; exit 1
fi
for check in "${CHECKS[@]}"; do
  if ! grep -Eq "ERROR\].*\.java:\[[0-9]+,[0-9]+\] (error: )?\[$check\]" "$log"; then
    cat "$log"; echo "FAIL: the strict build does not name a $check error with file and line" >&2; exit 1
  fi
done
echo "examples: OK (warnings by default, errors with -Pstrict, for ${CHECKS[*]})"
