#!/usr/bin/env python3
"""AsyncGuard on real code: fetch the corpus, check for crashes and finding changes, measure cost.

Run through bench/corpus.sh (it finds the JDK and builds the checker first). Commands:
  fetch                 download sources jars and compile classpaths into bench/cache (network once)
  check   [project...]  compile with AsyncGuard; fail on a plugin crash or a change in findings
  update  [project...]  same compile; rewrite bench/expected/<project>.txt from what it found
  measure [--runs N]    every configuration, N interleaved runs; writes bench/BENCHMARKS.md
  report                rewrites bench/BENCHMARKS.md from the last measure's raw figures
  duet    [--rounds N] [--pairs P] [--append] [--shared-core]  pairs of configurations at the same time,
                        one per core (or, with --shared-core, both on one core, a pair per core)
  anatomy [--rounds N]  checks off and AsyncGuard in pairs with the JVM's counters: classes, metaspace, GC, JIT
  warm    [--rounds N]  repeated compiles in one JVM (bench/warm/WarmCompile.java): cost without JVM noise
  stress  [--runs N]    generated deep and recursive call graphs of growing size; prints a table
  startup [--rounds N]  a one-file compile, checks off and AsyncGuard in pairs: the cost every javac process pays
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / "cache"
WORK = BENCH / "work"
EXPECTED = BENCH / "expected"
JAVA_HOME = Path(os.environ["BENCH_JAVA_HOME"]) if "BENCH_JAVA_HOME" in os.environ else None

ASYNCGUARD_CHECKS = ["DiscardedFuture", "FutureUsedAsValue", "BlockingCallInAsync"]
# Error Prone needs these in the compiler's JVM (the same list the README gives users).
JVM_EXPORTS = [
    f"-J--add-exports=jdk.compiler/com.sun.tools.javac.{p}=ALL-UNNAMED"
    for p in ["api", "file", "main", "model", "parser", "processing", "tree", "util"]
] + [f"-J--add-opens=jdk.compiler/com.sun.tools.javac.{p}=ALL-UNNAMED" for p in ["code", "comp"]]
# Same heap bounds in every configuration, so peak memory compares like with like.
JVM_HEAP = ["-J-Xms256m", "-J-Xmx3g"]

# The configurations the issue asks for, in the order the tables show them.
CONFIGS = {
    "javac": "plain javac",
    "errorprone": "Error Prone, all checks disabled",
    "asyncguard": "Error Prone + AsyncGuard's three checks",
    "frvi": "Error Prone's FutureReturnValueIgnored alone",
}

# Duet-only: three checks shaped like AsyncGuard's that do nothing (bench/idle/IdleChecks.java), and
# AsyncGuard as built in another checkout (`duet --base DIR`), to see what a change costs.
IDLE_CONFIG = {"idle": "Error Prone + three idle checks of AsyncGuard's shape",
               "asyncguard-base": "Error Prone + AsyncGuard's three checks as built in the --base checkout"}
IDLE_CHECKS = [f"Idle{c}" for c in ASYNCGUARD_CHECKS]
BASE_CHECKOUT = None  # set by duet --base


def describe_config(config):
    return CONFIGS.get(config) or IDLE_CONFIG[config]


WARNING = re.compile(r"^(?P<path>.+\.java):(?P<line>\d+): warning: \[(?P<check>\w+)\] (?P<message>.*)$")
# Lines of -XepPrintTimings: "       525 ms   40.6%  FutureUsedAsValue".
TIMING = re.compile(r"^\s+(?P<ms>\d+) ms\s+[\d.]+%\s+(?P<check>\w+)$")
CRASH_MARKERS = ("An unhandled exception was thrown by the Error Prone", "An exception has occurred in the compiler")


def die(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(2)


def run(cmd, **kwargs):
    return subprocess.run(cmd, text=True, capture_output=True, **kwargs)


# ---------------------------------------------------------------------------------------------
# The corpus and the tools


class Project:
    def __init__(self, line):
        parts = line.split()
        self.name, self.artifact = parts[0], parts[1]
        # Checked for crashes and findings (check, update, report) but not timed: the cost corpus
        # stays the one the cost figures were measured on.
        self.findings_only = "findings-only" in parts[2:]
        self.extras = [p for p in parts[2:] if not p.startswith("exclude=") and p != "findings-only"]
        self.excludes = {e for p in parts[2:] if p.startswith("exclude=") for e in p[8:].split(",")}
        self.group, self.artifact_id, self.version = self.artifact.split(":")
        self.cache = CACHE / self.name
        self.work = WORK / self.name

    @property
    def sources_jar(self):
        return self.cache / f"{self.artifact_id}-{self.version}-sources.jar"

    @property
    def classpath_file(self):
        return self.cache / "classpath.txt"

    def fetch(self):
        if self.sources_jar.exists() and self.classpath_file.exists():
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        deps = [self.artifact] + self.extras
        write_pom(self.cache / "pom.xml", f"corpus-{self.name}", deps)
        maven(self.cache, "dependency:build-classpath", "-Dmdep.outputFile=classpath.raw", "-Dmdep.includeScope=compile")
        maven(self.cache, "dependency:copy", f"-Dartifact={self.artifact}:jar:sources", f"-DoutputDirectory={self.cache}")
        entries = (self.cache / "classpath.raw").read_text().strip().split(os.pathsep)
        own = [e for e in entries if Path(e).name == f"{self.artifact_id}-{self.version}.jar"]
        # The project's own jar goes last: only the excluded files resolve from it.
        ordered = [e for e in entries if e not in own] + own
        self.classpath_file.write_text(os.pathsep.join(ordered) + "\n")

    def classpath(self):
        return self.classpath_file.read_text().strip()

    def sources(self):
        """Extracts the sources once; returns the list of files to compile, relative to src/."""
        src = self.work / "src"
        stamp = self.work / "sources.txt"
        if not stamp.exists():
            shutil.rmtree(src, ignore_errors=True)
            with zipfile.ZipFile(self.sources_jar) as jar:
                jar.extractall(src)
            files = sorted(
                str(p.relative_to(src))
                for p in src.rglob("*.java")
                if p.name != "module-info.java" and str(p.relative_to(src)) not in self.excludes
            )
            missing = self.excludes - {str(p.relative_to(src)) for p in src.rglob("*.java")}
            if missing:
                die(f"{self.name}: exclude= names files not in the sources jar: {sorted(missing)}")
            stamp.write_text("\n".join(files) + "\n")
        return stamp.read_text().split()

    def lines_of_code(self):
        return sum(code_lines((self.work / "src" / f).read_text(encoding="utf-8", errors="replace")) for f in self.sources())


def read_projects(names=None):
    projects = [Project(l) for l in (BENCH / "projects.txt").read_text().splitlines() if l.strip() and not l.startswith("#")]
    if names:
        unknown = set(names) - {p.name for p in projects}
        if unknown:
            die(f"unknown project(s) {sorted(unknown)}; bench/projects.txt lists {[p.name for p in projects]}")
        projects = [p for p in projects if p.name in names]
    return projects


def write_pom(path, artifact_id, coordinates):
    deps = "".join(
        "<dependency><groupId>{}</groupId><artifactId>{}</artifactId><version>{}</version></dependency>\n".format(*c.split(":"))
        for c in coordinates
    )
    path.write_text(
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>\n'
        f"<groupId>dev.asyncguard.bench</groupId><artifactId>{artifact_id}</artifactId><version>1</version>\n"
        f"<packaging>pom</packaging>\n<dependencies>\n{deps}</dependencies></project>\n"
    )


def maven(directory, *goals):
    result = run(["mvn", "-B", "-q", "-f", str(directory / "pom.xml"), *goals])
    if result.returncode != 0:
        die(f"Maven failed in {directory} ({' '.join(goals)}):\n{result.stdout[-3000:]}{result.stderr[-2000:]}")


def root_property(name):
    match = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", (ROOT / "pom.xml").read_text())
    return match.group(1)


def errorprone_path():
    """Error Prone's runtime classpath, resolved once from Maven Central into the cache."""
    cache = CACHE / "errorprone"
    out = cache / "classpath.txt"
    if not out.exists():
        cache.mkdir(parents=True, exist_ok=True)
        version = root_property("errorprone.version")
        write_pom(cache / "pom.xml", "errorprone", [f"com.google.errorprone:error_prone_core:{version}"])
        maven(cache, "dependency:build-classpath", f"-Dmdep.outputFile={out}", "-Dmdep.includeScope=runtime")
    return out.read_text().strip()


def asyncguard_path(checkout=ROOT):
    if not (checkout / "pom.xml").exists():
        die(f"{checkout} is not an AsyncGuard checkout (no pom.xml): make one with git worktree add {checkout} REV")
    version = re.search(r"<version>([^<]+)</version>", (checkout / "pom.xml").read_text()).group(1)
    jars = [checkout / "checker/target" / f"asyncguard-checker-{version}.jar",
            checkout / "annotations/target" / f"asyncguard-annotations-{version}.jar"]
    for jar in jars:
        if not jar.exists():
            die(f"{jar} is missing: build it first (mvn -B -q package -DskipTests -pl annotations,checker in {checkout})"
                + ("" if checkout != ROOT else ", or run bench/corpus.sh, which does"))
    return os.pathsep.join(map(str, jars))


def matcher_kinds(java_source, class_name):
    """The Tree*Matcher interfaces a check class implements, read from its source."""
    match = re.search(rf"class {class_name} extends \w+\s+implements([^{{]+)\{{", java_source)
    return sorted(re.findall(r"(\w+TreeMatcher)", match.group(1))) if match else None


def idle_checks_path():
    """Compiles the idle checks once (again when their source changes), after making sure each still
    matches the same kinds of tree as the AsyncGuard check it stands for."""
    source = BENCH / "idle/IdleChecks.java"
    idle_source = source.read_text()
    for check in ASYNCGUARD_CHECKS:
        real = matcher_kinds((ROOT / f"checker/src/main/java/dev/asyncguard/checker/{check}.java").read_text(), check)
        idle = matcher_kinds(idle_source, f"Idle{check}")
        if real is None or real != idle:
            die(f"bench/idle/IdleChecks.java: Idle{check} implements {idle}, but {check} implements {real}; "
                f"give it the same matcher interfaces")
    out = WORK / "idle-checks"
    stamp = out / "source.java"
    if not stamp.exists() or stamp.read_text() != idle_source:
        shutil.rmtree(out, ignore_errors=True)
        (out / "META-INF/services").mkdir(parents=True)
        result = run([str(JAVA_HOME / "bin/javac"), "-d", str(out), "-cp", errorprone_path(), str(source)])
        if result.returncode != 0:
            die("compiling bench/idle/IdleChecks.java failed:\n" + result.stdout + result.stderr)
        (out / "META-INF/services/com.google.errorprone.bugpatterns.BugChecker").write_text(
            "".join(f"dev.asyncguard.bench.IdleChecks${c}\n" for c in IDLE_CHECKS))
        stamp.write_text(idle_source)
    return str(out)


def code_lines(text):
    """Lines with code on them: not blank, not only comment (block comments and javadoc included)."""
    count, in_block = 0, False
    for raw in text.splitlines():
        line = raw.strip()
        code = False
        while line:
            if in_block:
                end = line.find("*/")
                if end < 0:
                    line = ""
                else:
                    in_block, line = False, line[end + 2:].strip()
            elif line.startswith("//"):
                line = ""
            elif line.startswith("/*"):
                in_block, line = True, line[2:]
            else:
                code = True
                start = line.find("/*")
                line = line[start:] if start > 0 and "*/" not in line[start:] else ""
        count += code
    return count


# ---------------------------------------------------------------------------------------------
# Compiling


class Compilation:
    def __init__(self, project, config, seconds, cpu, peak_kib, findings, timings, log, live_mib=0.0):
        self.project, self.config = project, config
        self.seconds, self.cpu, self.peak_kib, self.live_mib = seconds, cpu, peak_kib, live_mib
        self.findings, self.timings, self.log = findings, timings, log


def javac_command(project, config, out, timings=True):
    """The javac line of one configuration; `timings` adds Error Prone's per-check timers, whose
    stopwatch around every matcher call costs more the more matchers are on (the duet leaves it out)."""
    cmd = [str(JAVA_HOME / "bin/javac"), *JVM_HEAP, "-d", str(out), "-cp", project.classpath(),
           "-encoding", "UTF-8", "-proc:none", "-implicit:none", "-Xlint:none", "-Xmaxwarns", "1000000", "-Xmaxerrs", "100"]
    if config == "javac":
        return cmd
    # The checks' jars after Error Prone's, in the order README's Maven setup lists them: the class
    # loader then finds each of Error Prone's thousands of classes without first searching them.
    processor_path = [errorprone_path()]
    if config in ("asyncguard", "asyncguard-base"):
        processor_path.append(asyncguard_path(ROOT if config == "asyncguard" else BASE_CHECKOUT))
        enabled = " ".join(f"-Xep:{c}:WARN" for c in ASYNCGUARD_CHECKS)
    elif config == "frvi":
        enabled = "-Xep:FutureReturnValueIgnored:WARN"
    elif config == "idle":
        processor_path.append(idle_checks_path())
        enabled = " ".join(f"-Xep:{c}:WARN" for c in IDLE_CHECKS)
    else:
        enabled = ""
    return cmd + JVM_EXPORTS + [
        "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW",
        "-processorpath", os.pathsep.join(processor_path),
        f"-Xplugin:ErrorProne {'-XepPrintTimings ' if timings else ''}-XepDisableAllChecks {enabled}".strip(),
    ]


def compile_project(project, config):
    out = project.work / f"classes-{config}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    src = project.work / "src"
    argfile = project.work / "sources.args"
    argfile.write_text("\n".join(project.sources()) + "\n")
    stats = project.work / f"time-{config}.txt"
    gc_log = project.work / f"gc-{config}.log"
    gc_log.unlink(missing_ok=True)
    javac = javac_command(project, config, out)
    javac = [javac[0], f"-J-Xlog:gc:file={gc_log}"] + javac[1:]
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(stats)] + javac + [f"@{argfile}"]
    started = time.monotonic()
    result = run(cmd, cwd=src)
    elapsed = time.monotonic() - started
    log = result.stdout + result.stderr
    (project.work / f"javac-{config}.log").write_text(log)
    crashed = any(marker in log for marker in CRASH_MARKERS)
    if result.returncode != 0 or crashed:
        die(f"{project.name} [{config}] failed (exit {result.returncode}){' with a crash' if crashed else ''}; "
            f"log: {project.work / f'javac-{config}.log'}\n" + "\n".join(log.splitlines()[:40]))
    wall, user, system, peak = stats.read_text().split()[-4:]
    findings = []
    for line in log.splitlines():
        match = WARNING.match(line)
        if match:
            findings.append((match["path"], int(match["line"]), match["check"], match["message"]))
    timings = {m["check"]: float(m["ms"]) for m in map(TIMING.match, log.splitlines()) if m}
    return Compilation(project, config, float(wall) or elapsed, float(user) + float(system), int(peak), findings, timings,
                       log, peak_heap_after_gc(gc_log))


# A collection in -Xlog:gc: "... Pause Young (Normal) (G1 Evacuation Pause) 120M->45M(256M) 5.1ms".
GC_LINE = re.compile(r"(\d+)M->(\d+)M\(\d+M\)")


def peak_heap_after_gc(gc_log):
    """The most heap still in use right after a collection: what the compile holds on to, which
    moves far less from run to run than resident memory (that follows how far the collector chose
    to grow the heap)."""
    after = [int(m.group(2)) for m in GC_LINE.finditer(gc_log.read_text())] if gc_log.exists() else []
    return float(max(after, default=0))


def finding_lines(compilation):
    return sorted({f"{path}:{line}: {check}" for path, line, check, _ in compilation.findings if check in ASYNCGUARD_CHECKS},
                  key=lambda s: (s.split(":")[0], int(s.split(":")[1]), s))


def prepare(projects):
    global JAVA_HOME
    if JAVA_HOME is None:
        die("BENCH_JAVA_HOME is not set: run bench/corpus.sh, which finds a JDK 21+")
    for project in projects:
        project.fetch()
        project.sources()


# ---------------------------------------------------------------------------------------------
# Commands


def command_check(projects, update):
    prepare(projects)
    failed = False
    for project in projects:
        compilation = compile_project(project, "asyncguard")
        actual = finding_lines(compilation)
        expected_file = EXPECTED / f"{project.name}.txt"
        write_findings_detail(compilation)
        if update:
            EXPECTED.mkdir(exist_ok=True)
            expected_file.write_text("".join(l + "\n" for l in actual))
            print(f"{project.name}: {len(actual)} findings written to {expected_file.relative_to(ROOT)}")
            continue
        expected = expected_file.read_text().splitlines() if expected_file.exists() else []
        gone = sorted(set(expected) - set(actual))
        new = sorted(set(actual) - set(expected))
        status = "ok" if not gone and not new else "CHANGED"
        print(f"{project.name}: no crash, {len(compilation.findings)} warnings, {len(actual)} findings, "
              f"{compilation.seconds:.1f} s: findings {status}")
        for line in gone:
            print(f"  - {line}   (expected, no longer reported)")
        for line in new:
            print(f"  + {line}   (new)")
        failed |= bool(gone or new)
    if failed:
        print("bench: findings changed; if the change is intended, run `bench/corpus.sh update` and commit "
              "bench/expected/ with the change that caused it", file=sys.stderr)
        sys.exit(1)


def write_findings_detail(compilation):
    """Every finding with its message, for reading and judging (bench/work, not committed)."""
    path = compilation.project.work / f"findings-{compilation.config}.txt"
    path.write_text("".join(f"{p}:{l}: [{c}] {m}\n" for p, l, c, m in sorted(compilation.findings)))


MEASUREMENTS = WORK / "measurements.jsonl"


def command_measure(projects, runs, findings_only=()):
    prepare(projects)
    MEASUREMENTS.unlink(missing_ok=True)
    for round_number in range(runs):
        order = [(p, c) for p in projects for c in CONFIGS]
        random.Random(round_number).shuffle(order)  # interleaved, so drift hits every configuration alike
        for project, config in order:
            compilation = compile_project(project, config)
            with MEASUREMENTS.open("a") as out:
                out.write(json.dumps({
                    "project": project.name, "config": config, "round": round_number,
                    "seconds": compilation.seconds, "cpu": compilation.cpu, "peak_kib": compilation.peak_kib,
                    "live_mib": compilation.live_mib,
                    "timings": compilation.timings, "findings": compilation.findings}) + "\n")
            if round_number == 0 and config in ("asyncguard", "frvi"):
                write_findings_detail(compilation)
            print(f"run {round_number + 1}/{runs} {project.name:13} {config:11} {compilation.seconds:6.1f} s "
                  f"{compilation.peak_kib / 1024:6.0f} MiB", flush=True)
    command_report(projects, findings_only)


def command_report(projects, findings_only=()):
    """Writes BENCHMARKS.md from the measurements of the last `measure` and, for the findings-only
    projects, from their expected findings in bench/expected/ (no compiling)."""
    if not MEASUREMENTS.exists():
        die("no measurements yet: run `bench/corpus.sh measure` first")
    by_name = {p.name: p for p in projects}
    results, rounds = {}, set()
    for line in MEASUREMENTS.read_text().splitlines():
        m = json.loads(line)
        if m["project"] not in by_name:
            continue
        rounds.add(m["round"])
        findings = [tuple(f) for f in m["findings"]]
        results.setdefault((m["project"], m["config"]), []).append(Compilation(
            by_name[m["project"]], m["config"], m["seconds"], m["cpu"], m["peak_kib"], findings, m["timings"], "",
            m.get("live_mib", 0.0)))
    missing = [(p.name, c) for p in projects for c in CONFIGS if (p.name, c) not in results]
    if missing:
        die(f"the measurements lack {missing}: run `bench/corpus.sh measure` for these projects")
    (BENCH / "BENCHMARKS.md").write_text(report(projects, results, len(rounds), findings_only))
    print(f"wrote {(BENCH / 'BENCHMARKS.md').relative_to(ROOT)}")


def median(values):
    return statistics.median(values) if values else 0.0


# Student's t, two-sided 95 %, by degrees of freedom; beyond the table, the Cornish-Fisher expansion
# around the normal quantile (within 0.001 of the exact value from 30 degrees of freedom on).
T_95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23,
        11: 2.20, 12: 2.18, 13: 2.16, 14: 2.14, 15: 2.13, 16: 2.12, 17: 2.11, 18: 2.10, 19: 2.09,
        20: 2.09, 21: 2.08, 22: 2.07, 23: 2.07, 24: 2.06, 25: 2.06, 26: 2.06, 27: 2.05, 28: 2.05, 29: 2.05}


def t_95(degrees):
    if degrees in T_95:
        return T_95[degrees]
    z = 1.959964
    return z + (z ** 3 + z) / (4 * degrees) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * degrees ** 2)


def interval(values):
    """Mean and its 95 % confidence interval (t distribution); a single value has no interval."""
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, float("nan"), float("nan")
    half = t_95(len(values) - 1) * statistics.stdev(values) / len(values) ** 0.5
    return mean, mean - half, mean + half


def interval_text(values):
    """", 95 % interval a-b" for two rounds or more; one round has none."""
    _, low, high = interval(values)
    return f", 95 % interval {low:.3f}-{high:.3f}" if len(values) > 1 else ""


def verdict(values, limit):
    """Whether the rounds show the mean ratio at most `limit`, above it, or cannot tell."""
    mean, low, high = interval(values)
    if len(values) < 2:
        return "not resolved: one round gives no interval"
    if high <= limit:
        return f"met: the whole 95 % interval ({low:.3f}-{high:.3f}) is at most {limit:.2f}"
    if low > limit:
        return f"NOT met: the whole 95 % interval ({low:.3f}-{high:.3f}) is above {limit:.2f}"
    return (f"not resolved: the 95 % interval ({low:.3f}-{high:.3f}) contains {limit:.2f}; more rounds "
            "would narrow it")


def verdict_summary(names, records_file):
    """The pairs verdicts are taken on: those measured with the verdicts' collector, and a pair measured
    only with another collector (before the duet set its own) with that one, which its line names."""
    merged = {}
    for collector in collectors_in(read_duet_records(records_file)):
        for pair, (per_project, per_round) in duet_summary(names, records_file, collector=collector).items():
            merged.setdefault(pair, (per_project, per_round, collector))
    return merged


def verdict_lines(summary):
    """The verdicts of a paired-run summary: the cost target, FRVI, the yardstick, floor, calibration."""
    def measured(pair):
        entry = summary.get(pair)
        return f" (measured with the {entry[2]} collector)" if entry and entry[2] != DUET_COLLECTOR else ""

    lines = []
    calibration = summary.get(("errorprone", "errorprone"), ({}, []))[1]
    against_off = summary.get(("errorprone", "asyncguard"), ({}, []))[1]
    against_frvi = summary.get(("frvi", "asyncguard"), ({}, []))[1]
    if against_off:
        lines.append(f"- AsyncGuard on / checks off{measured(('errorprone', 'asyncguard'))}: median **{median(against_off):.3f}**, mean "
                     f"{interval(against_off)[0]:.3f} over {len(against_off)} rounds; target at most 1.03: "
                     f"**{verdict(against_off, 1.03)}**.")
    if against_frvi:
        lines.append(f"- AsyncGuard's three checks / FutureReturnValueIgnored alone{measured(('frvi', 'asyncguard'))}: median "
                     f"**{median(against_frvi):.3f}**, mean {interval(against_frvi)[0]:.3f}; no worse than FRVI "
                     f"alone (at most 1.00): **{verdict(against_frvi, 1.0)}**.")
    frvi_cost = summary.get(("errorprone", "frvi"), ({}, []))[1]
    if frvi_cost:
        lines.append(f"- Yardstick, Error Prone's FutureReturnValueIgnored alone / checks off{measured(('errorprone', 'frvi'))}: mean "
                     f"**{interval(frvi_cost)[0]:.3f}**{interval_text(frvi_cost)} over {len(frvi_cost)} rounds: "
                     "what one of Error Prone's own checks costs in the same setting.")
    floor = summary.get(("errorprone", "idle"), ({}, []))[1]
    if floor:
        lines.append(f"- Floor, three idle checks of AsyncGuard's shape / checks off{measured(('errorprone', 'idle'))}: mean "
                     f"**{interval(floor)[0]:.3f}**{interval_text(floor)} over {len(floor)} rounds: what Error "
                     "Prone charges for handing the same trees to three enabled checks that do nothing "
                     "(`bench/idle/IdleChecks.java`).")
    if calibration:
        lines.append(f"- Calibration, checks off against itself{measured(('errorprone', 'errorprone'))}: mean {interval(calibration)[0]:.3f}"
                     f"{interval_text(calibration)} (rounds {min(calibration):.3f}-{max(calibration):.3f}); an "
                     "interval that misses 1.000 would mean the method itself is biased.")
    return lines


def report(projects, results, runs, findings_only=()):
    def med(project, config, attribute):
        return median([getattr(c, attribute) for c in results[(project.name, config)]])

    def check_ms(project, config, checks):
        return median([sum(c.timings.get(k, 0.0) for k in checks) for c in results[(project.name, config)]])

    java_version = run([str(JAVA_HOME / "bin/java"), "-version"]).stderr.splitlines()[0]
    loc = {p.name: p.lines_of_code() for p in projects}
    out = []
    w = out.append
    w("# AsyncGuard on real code: benchmarks\n")
    w("Generated by `bench/corpus.sh measure` or `report` from the raw figures of `measure`, `duet` and "
      "`stress` (do not edit by hand; the judged sample comes from `bench/judgements.md`).\n")
    w(f"- Written {datetime.date.today()}; {java_version}; Error Prone {root_property('errorprone.version')}; "
      f"{os.cpu_count()} cores, {platform.machine()}, Linux {platform.release()}")
    w(f"- `measure`: each configuration compiled each project {runs} times, interleaved in random order; "
      "figures are medians. Wall time and peak resident memory come from `/usr/bin/time`; every "
      f"javac gets the same heap bounds (`{' '.join(JVM_HEAP)}`).")
    w("- Configurations: " + "; ".join(f"**{k}**: {v}" for k, v in CONFIGS.items()) + ".\n")

    w("## Corpus\n")
    w("| Project | Artifact | Source files | Lines of code¹ | Classpath entries |")
    w("|---|---|---:|---:|---:|")
    for p in projects:
        w(f"| {p.name} | `{p.artifact}` | {len(p.sources())} | {loc[p.name]:,} | {len(p.classpath().split(os.pathsep))} |")
    w(f"| **all** | | {sum(len(p.sources()) for p in projects)} | {sum(loc.values()):,} | |")
    w("\n¹ Lines with code on them: not blank, not only a comment.\n")

    w("## No crash\n")
    w(f"Every project compiled {runs} times with AsyncGuard on, with exit code 0 and no exception from "
      "any plugin (the harness stops at the first failure and shows the log).\n")

    w("## Findings\n")
    w("| Project | " + " | ".join(ASYNCGUARD_CHECKS) + " | FutureReturnValueIgnored (Error Prone) |")
    w("|---|" + "---:|" * (len(ASYNCGUARD_CHECKS) + 1))
    for p in projects:
        ag = results[(p.name, "asyncguard")][0].findings
        frvi = results[(p.name, "frvi")][0].findings
        counts = [sum(1 for f in ag if f[2] == c) for c in ASYNCGUARD_CHECKS]
        w(f"| {p.name} | " + " | ".join(map(str, counts)) + f" | {len(frvi)} |")
    w("\nExpected findings per project, one line each, are in `bench/expected/` (`bench/corpus.sh check` "
      "compares, `bench/corpus.sh update` rewrites).\n")
    if findings_only:
        w("### Beyond the cost corpus\n")
        w("Projects marked `findings-only` in `bench/projects.txt`: `check` compiles them with AsyncGuard "
          "(no crash, findings compared with `bench/expected/`), but they are not timed, so the cost "
          "figures below stay those of the corpus above. Counts from `bench/expected/`.\n")
        w("| Project | Artifact | " + " | ".join(ASYNCGUARD_CHECKS) + " |")
        w("|---|---|" + "---:|" * len(ASYNCGUARD_CHECKS))
        for p in findings_only:
            expected_file = EXPECTED / f"{p.name}.txt"
            lines = expected_file.read_text().splitlines() if expected_file.exists() else []
            counts = [sum(1 for l in lines if l.rsplit(" ", 1)[-1] == c) for c in ASYNCGUARD_CHECKS]
            w(f"| {p.name} | `{p.artifact}` | " + " | ".join(map(str, counts)) + " |")
        w("")

    w("### DiscardedFuture next to FutureReturnValueIgnored\n")
    w("| Project | Both | DiscardedFuture only | FutureReturnValueIgnored only |")
    w("|---|---:|---:|---:|")
    differences = []
    for p in projects:
        df = {(f[0], f[1]): f for f in results[(p.name, "asyncguard")][0].findings if f[2] == "DiscardedFuture"}
        fr = {(f[0], f[1]): f for f in results[(p.name, "frvi")][0].findings}
        w(f"| {p.name} | {len(df.keys() & fr.keys())} | {len(df.keys() - fr.keys())} | {len(fr.keys() - df.keys())} |")
        differences += [(p.name, "DiscardedFuture only", df[k]) for k in sorted(df.keys() - fr.keys())]
        differences += [(p.name, "FutureReturnValueIgnored only", fr[k]) for k in sorted(fr.keys() - df.keys())]
    if differences:
        w("\nWhere they differ (the judgement of each is in the judged sample below):\n")
        for name, side, (path, line, check, message) in differences[:40]:
            w(f"- {name} `{path}:{line}` ({side}): {message[:160]}")
        if len(differences) > 40:
            w(f"- … and {len(differences) - 40} more (see bench/work/<project>/findings-*.txt after a run)")
    w("")

    w("## Cost\n")
    w("The cost a user adding AsyncGuard to an Error Prone build pays is the ratio of the compile with "
      "AsyncGuard's three checks on to the compile with Error Prone and every check off. Target: at most "
      "1.03 over the whole corpus, and no worse than Error Prone's FutureReturnValueIgnored alone.\n")
    names = [p.name for p in projects]
    shared_summary, duet_pairs_summary = verdict_summary(names, SHARE), verdict_summary(names, DUET)
    if shared_summary or duet_pairs_summary:
        write_duet_report(projects)
    if shared_summary:
        w("### One core shared by both: the measure of record\n")
        w("On this shared virtual machine back-to-back compiles of the same configuration differ by tens "
          "of percent (see the back-to-back runs below), more than the effect. Paired runs cancel what slows "
          "the machine down: here both configurations of a pair run at the same time on the same core, "
          "so the scheduler interleaves them within milliseconds and whatever slows that core (other "
          "tenants, steal time, a neighbour on its sibling thread) slows both alike.\n")
        w((WORK / "share.md").read_text())
        verdicts = verdict_lines(shared_summary)
        without_jit = duet_summary(names, SHARE, WITHOUT_JIT).get(("errorprone", "asyncguard"), ({}, []))[1]
        if len(without_jit) > 1:
            verdicts.append(f"- Without the JIT compiler threads (the second table), AsyncGuard on / checks off: mean "
                            f"**{interval(without_jit)[0]:.3f}**{interval_text(without_jit)} over {len(without_jit)} "
                            "rounds: about what a developer with a core to spare waits for; the verdict stays on "
                            "all the CPU time, which also counts compiling AsyncGuard's code.")
        w("\n".join(verdicts) + "\n")
    if duet_pairs_summary:
        w("### One core each: duet runs\n" if shared_summary else "### Paired runs: the measure of record\n")
        w("Duet runs (Bulej et al., \"Duet benchmarking\", ICPE 2020): both configurations at the same "
          "time, one per core, swapping cores every round. They cancel what slows the whole machine "
          "down, but not what slows one core and not the other" + (
              ", so a round's ratio moves by several percent more than a shared-core pair's; they are "
              "kept as a second, independent estimate.\n" if shared_summary else ".\n"))
        w((WORK / "duet.md").read_text())
        w("\n".join(verdict_lines(duet_pairs_summary)) + "\n")
    if shared_summary or duet_pairs_summary:
        w("One core per compile makes the JIT compiler and the collector share the core with javac, so the "
          "paired ratios include compiling and collecting AsyncGuard's own code and garbage: a pessimistic "
          "setting next to a developer machine with idle cores.\n")
    if ANATOMY.exists():
        write_anatomy_report(projects)
        w("### Where the cost goes\n")
        w((WORK / "anatomy.md").read_text())
    if (WORK / "startup.md").exists():
        w("### What every compile pays first\n")
        w((WORK / "startup.md").read_text())
    w("### Back-to-back runs\n")
    w(f"Wall time in seconds (median), each compile alone on the machine (both cores); `bench/corpus.sh "
      f"measure`, {datetime.date.fromtimestamp(MEASUREMENTS.stat().st_mtime)}.\n")
    w("| Project | javac | Error Prone, checks off | + AsyncGuard | ratio | CPU ratio | FRVI alone | ratio |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    totals = {c: 0.0 for c in CONFIGS}
    cpu_totals = {c: 0.0 for c in CONFIGS}
    for p in projects:
        t = {c: med(p, c, "seconds") for c in CONFIGS}
        cpu = {c: med(p, c, "cpu") for c in CONFIGS}
        for c in CONFIGS:
            totals[c] += t[c]
            cpu_totals[c] += cpu[c]
        w(f"| {p.name} | {t['javac']:.2f} | {t['errorprone']:.2f} | {t['asyncguard']:.2f} | "
          f"{t['asyncguard'] / t['errorprone']:.3f} | {cpu['asyncguard'] / cpu['errorprone']:.3f} | "
          f"{t['frvi']:.2f} | {t['frvi'] / t['errorprone']:.3f} |")
    spreads = [max(c.seconds for c in runs_of) / min(c.seconds for c in runs_of) - 1
               for runs_of in results.values() if runs_of and min(c.seconds for c in runs_of) > 0]
    spread, typical_spread = max(spreads, default=0.0), median(spreads)
    ratio = totals['asyncguard'] / totals['errorprone']
    frvi_ratio = totals['frvi'] / totals['errorprone']
    w(f"| **all** | {totals['javac']:.2f} | {totals['errorprone']:.2f} | {totals['asyncguard']:.2f} | "
      f"**{ratio:.3f}** | {cpu_totals['asyncguard'] / cpu_totals['errorprone']:.3f} | {totals['frvi']:.2f} | "
      f"{frvi_ratio:.3f} |")
    w(f"\nWall-time ratio {ratio:.3f}; FutureReturnValueIgnored alone {frvi_ratio:.3f}. CPU ratio: user + "
      "system time of the javac process (all threads), the same comparison. These back-to-back figures "
      f"are not the verdict: runs of one configuration on one project differed by up to {100 * spread:.0f} % "
      f"(slowest over fastest run; {100 * typical_spread:.0f} % in the median case), more than the effect.")
    ag_ms = sum(check_ms(p, "asyncguard", ASYNCGUARD_CHECKS) for p in projects)
    frvi_ms = sum(check_ms(p, "frvi", ["FutureReturnValueIgnored"]) for p in projects)
    df_ms = sum(check_ms(p, "asyncguard", ["DiscardedFuture"]) for p in projects)
    w(f"\nHow to read it: whole-compilation wall times on this shared 2-core virtual machine move by "
      f"several percent from run to run, as much as the effect measured; the ratio of "
      f"FutureReturnValueIgnored alone (one small check, {frvi_ratio:.3f} here) shows the noise. "
      f"Error Prone's own per-check timers (`-XepPrintTimings`) measure the checks directly: "
      f"AsyncGuard's three checks took {ag_ms / 1000:.2f} s in all, "
      f"**{ag_ms / 10 / totals['errorprone']:.2f} %** of the Error Prone compile time with checks off "
      f"(FutureReturnValueIgnored alone: {frvi_ms / 1000:.2f} s, {frvi_ms / 10 / totals['errorprone']:.2f} %; "
      f"DiscardedFuture, which does its job, {df_ms / 1000:.2f} s). The timers include each check's "
      "share of JIT warm-up and of garbage collections that happen while it runs.\n")
    w("| Project | kLOC | AsyncGuard checks, ms | share of the Error Prone compile (checks off) | ms per kLOC | "
      "FRVI alone, ms | compile s per kLOC (AsyncGuard on) |")
    w("|---|---:|---:|---:|---:|---:|---:|")
    all_ms = all_compile = 0.0
    for p in projects:
        ms = check_ms(p, "asyncguard", ASYNCGUARD_CHECKS)
        frvi_ms = check_ms(p, "frvi", ["FutureReturnValueIgnored"])
        compile_s = med(p, "asyncguard", "seconds")
        all_ms += ms
        all_compile += compile_s
        kloc = loc[p.name] / 1000
        w(f"| {p.name} | {kloc:.1f} | {ms:.0f} | {ms / 10 / med(p, 'errorprone', 'seconds'):.2f} % | {ms / kloc:.2f} | {frvi_ms:.0f} | "
          f"{compile_s / kloc:.3f} |")
    kloc = sum(loc.values()) / 1000
    w(f"| **all** | {kloc:.1f} | {all_ms:.0f} | **{all_ms / 10 / totals['errorprone']:.2f} %** | {all_ms / kloc:.2f} | | "
      f"{all_compile / kloc:.3f} |")
    w("\nPer check (ms, median):\n")
    w("| Project | " + " | ".join(ASYNCGUARD_CHECKS) + " |")
    w("|---|" + "---:|" * len(ASYNCGUARD_CHECKS))
    for p in projects:
        w(f"| {p.name} | " + " | ".join(f"{check_ms(p, 'asyncguard', [c]):.0f}" for c in ASYNCGUARD_CHECKS) + " |")
    w("\n### Memory\n")
    w("Two figures, medians in MiB. *Heap after GC*: the most heap still in use right after a collection "
      "(`-Xlog:gc`), which is what a compile holds on to, AsyncGuard's memos included. *Resident*: peak "
      "resident memory from `/usr/bin/time`; it follows how far the collector chose to grow the heap "
      "(up to `-Xmx3g`), so it can move by tens of percent between identical runs.\n")
    w("| Project | " + " | ".join(f"heap after GC: {c}" for c in CONFIGS) + " | ratio AsyncGuard / checks off | "
      "ratio AsyncGuard / FRVI alone | resident: checks off | resident: AsyncGuard | ratio |")
    w("|---|" + "---:|" * (len(CONFIGS) + 5))
    for p in projects:
        live = {c: med(p, c, "live_mib") for c in CONFIGS}
        rss = {c: med(p, c, "peak_kib") / 1024 for c in CONFIGS}
        live_ratio = f"{live['asyncguard'] / live['errorprone']:.3f}" if live["errorprone"] else "-"
        live_frvi = f"{live['asyncguard'] / live['frvi']:.3f}" if live["frvi"] else "-"
        w(f"| {p.name} | " + " | ".join(f"{live[c]:.0f}" for c in CONFIGS) + f" | {live_ratio} | {live_frvi} | "
          f"{rss['errorprone']:.0f} | {rss['asyncguard']:.0f} | {rss['asyncguard'] / rss['errorprone']:.3f} |")
    w("")

    warm = WORK / "warm.md"
    if warm.exists():
        w("### In one warm JVM\n")
        w(warm.read_text())

    stress = BENCH / "work" / "stress.md"
    if stress.exists():
        w("## Deep and recursive call graphs\n")
        w(stress.read_text())

    judgements = BENCH / "judgements.md"
    if judgements.exists():
        w(judgements.read_text())
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Stress: generated call graphs


def stress_source(size):
    """A future-returning entry point over a chain of `size` methods, each also calling back to the
    first (deep and recursive at once), with the blocking call at the far end: the worst case for the
    transitive analysis."""
    lines = ["package stress;", "import java.util.concurrent.CompletableFuture;", "public class Graph%d {" % size,
             "  public CompletableFuture<Void> entry() { step0(0); return CompletableFuture.completedFuture(null); }"]
    for i in range(size):
        call = f"step{i + 1}(n + 1);" if i + 1 < size else "try { Thread.sleep(1); } catch (InterruptedException e) { }"
        lines.append(f"  void step{i}(int n) {{ if (n < 0) {{ step0(n); }} {call} }}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def command_stress(runs):
    if JAVA_HOME is None:
        die("BENCH_JAVA_HOME is not set: run bench/corpus.sh, which finds a JDK 21+")
    project_dir = WORK / "stress"
    rows = []
    for size in (1000, 2000, 4000, 8000):
        src = project_dir / f"src{size}"
        shutil.rmtree(src, ignore_errors=True)
        (src / "stress").mkdir(parents=True)
        (src / "stress" / f"Graph{size}.java").write_text(stress_source(size))
        fake = Project(f"stress-{size} x:x:1")
        fake.work = project_dir / f"w{size}"
        fake.work.mkdir(parents=True, exist_ok=True)
        fake.classpath = lambda: "."
        fake.sources = lambda: [f"stress/Graph{size}.java"]
        shutil.rmtree(fake.work / "src", ignore_errors=True)
        shutil.copytree(src, fake.work / "src")
        samples = [compile_project(fake, "asyncguard") for _ in range(runs)]
        blocking = median([c.timings.get("BlockingCallInAsync", 0.0) for c in samples])
        found = sum(1 for f in samples[0].findings if f[2] == "BlockingCallInAsync")
        rows.append((size, blocking, found, median([c.seconds for c in samples])))
        print(f"stress {size:5} methods: BlockingCallInAsync {blocking:8.1f} ms, whole compile "
              f"{rows[-1][3]:.1f} s, findings {found}", flush=True)
    table = ["A generated class: a future-returning method calls a chain of N methods, each of which also",
             "calls back to the first (deep and recursive at once), with `Thread.sleep` at the far end. "
             "`bench/corpus.sh stress` regenerates this table; the same shape, 3000 deep, is a unit test "
             "(`BlockingCallInAsyncTest`).\n",
             "| Methods in the chain | BlockingCallInAsync, ms (median) | µs per method | whole compile, s | findings |",
             "|---:|---:|---:|---:|---:|"]
    for size, blocking, found, seconds in rows:
        table.append(f"| {size} | {blocking:.1f} | {blocking * 1000 / size:.1f} | {seconds:.2f} | {found} |")
    (WORK / "stress.md").write_text("\n".join(table) + "\n")
    print("\n".join(table))


# ---------------------------------------------------------------------------------------------
# Startup: what a compile pays for AsyncGuard before the code's size matters


STARTUP_SOURCE = """package startup;
import java.util.concurrent.CompletableFuture;
public class Small {
  CompletableFuture<String> load(String key) { return CompletableFuture.supplyAsync(() -> key); }
  String read(String key) { return load(key).join(); }
  void touch(String key) { load(key); }
}
"""


def seconds_interval(values):
    """"+0.21 (+0.15 to +0.27)": a mean difference in seconds and its 95 % interval."""
    mean, low, high = interval(values)
    return f"{mean:+.2f}" + (f" ({low:+.2f} to {high:+.2f})" if len(values) > 1 else "")


def command_startup(rounds):
    """A one-file source compiled by checks off and by AsyncGuard at the same time, one per core, as the
    duet compiles the corpus: the difference is what every javac process pays for AsyncGuard (loading
    and initializing its classes, running its code cold, the JIT work that brings), whatever the size
    of the code. A multi-module build pays it once per module."""
    if JAVA_HOME is None:
        die("BENCH_JAVA_HOME is not set: run bench/corpus.sh, which finds a JDK 21+")
    if (os.cpu_count() or 1) < 2 or shutil.which("taskset") is None:
        die("startup needs two cores and taskset (util-linux)")
    small = Project("startup x:x:1")
    small.work = WORK / "startup"
    shutil.rmtree(small.work, ignore_errors=True)
    (small.work / "src" / "startup").mkdir(parents=True)
    (small.work / "src" / "startup" / "Small.java").write_text(STARTUP_SOURCE)
    (small.work / "sources.args").write_text("startup/Small.java\n")
    small.classpath = lambda: "."
    build = checker_build(ROOT)
    samples = []
    for round_number in range(rounds):
        cores = (0, 1) if round_number % 2 == 0 else (1, 0)
        figures = [(f["seconds"], f["cpu"]) for f in duet_pair(small, "errorprone", "asyncguard", cores)]
        samples.append({"wall": figures[1][0] - figures[0][0], "cpu": figures[1][1] - figures[0][1],
                        "base_wall": figures[0][0], "base_cpu": figures[0][1]})
        print(f"startup {round_number + 1}/{rounds}: checks off {figures[0][0]:.2f} s, AsyncGuard {figures[1][0]:.2f} s "
              f"(CPU {figures[0][1]:.2f} s, {figures[1][1]:.2f} s)", flush=True)
    walls, cpus = [x["wall"] for x in samples], [x["cpu"] for x in samples]
    lines = [f"A one-file source (`STARTUP_SOURCE` in `bench/corpus.py`) compiled by checks off and by AsyncGuard "
             f"at the same time, one per core, as the duet compiles (`bench/corpus.sh startup --rounds {rounds}`, "
             f"{datetime.date.today()}, checker jar `{build}`): what each javac process pays for AsyncGuard before "
             "the size of the code matters (loading and initializing its classes, running its code cold, the JIT "
             "work that brings). A build of many modules pays it once per module.\n",
             "| rounds | checks off, wall s (median) | added wall s: median | mean, 95 % interval | added CPU s: median | mean, 95 % interval |",
             "|---:|---:|---:|---:|---:|---:|",
             f"| {rounds} | {median([x['base_wall'] for x in samples]):.2f} | {median(walls):+.2f} | "
             f"{seconds_interval(walls)} | {median(cpus):+.2f} | {seconds_interval(cpus)} |"]
    (WORK / "startup.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


# ---------------------------------------------------------------------------------------------
# Duet: two configurations at the same time, one per core


DUET = WORK / "duet.jsonl"
SHARE = WORK / "share.jsonl"  # `duet --shared-core`: both configurations of a pair on one core
# Named (baseline, candidate) pairs: the cost ratio the issue asks for, AsyncGuard against FRVI alone,
# the yardstick (what Error Prone's own FutureReturnValueIgnored costs), the floor (what idle checks of
# AsyncGuard's shape cost) and the calibration.
DUET_PAIRS = {
    "cost": ("errorprone", "asyncguard"),
    "versus-frvi": ("frvi", "asyncguard"),
    "frvi-cost": ("errorprone", "frvi"),
    "floor": ("errorprone", "idle"),
    "calibration": ("errorprone", "errorprone"),
    "against-base": ("asyncguard-base", "asyncguard"),
}
DEFAULT_DUET_PAIRS = ["cost", "versus-frvi"]


# The collector a user's javac runs: a JVM that sees two CPUs or more (any developer machine or CI
# runner) picks G1. Pinned to one CPU it would pick Serial, whose stop-the-world full collection at the
# first metaspace threshold (crossed by any checks' classes in the small projects) no such user pays.
DUET_COLLECTOR = "G1"
DUET_JVM_FLAGS = ["-J-XX:ActiveProcessorCount=1", "-J-XX:+UseG1GC"]


def collector_of(record):
    """The collector a paired record was measured with: records from before it was set say none, and
    their one-CPU JVMs ran Serial."""
    return record.get("collector", "Serial")


def primary_collector(records):
    """The collector the verdicts are taken on: the duet's own if any record has it."""
    return DUET_COLLECTOR if any(collector_of(r) == DUET_COLLECTOR for r in records) else "Serial"


def collectors_in(records):
    """The collectors the records were measured with, the verdicts' first."""
    primary = primary_collector(records)
    return [primary] + sorted({collector_of(r) for r in records} - {primary})


def duet_compile(project, config, slot, core, jvm_flags=()):
    """Starts one compile pinned to one core; the JVM sizes its JIT and GC threads for one CPU and runs
    the collector a user's javac runs (`DUET_COLLECTOR`)."""
    out = project.work / f"classes-duet-{slot}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    argfile = project.work / "sources.args"
    stats = project.work / f"time-duet-{slot}.txt"
    log = open(project.work / f"javac-duet-{slot}.log", "w")
    cmd = javac_command(project, config, out, timings=False)  # as a user compiles: no timers
    cmd = [cmd[0], *DUET_JVM_FLAGS, *jvm_flags] + cmd[1:]
    cmd = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", str(stats), "taskset", "-c", str(core)] + cmd + [f"@{argfile}"]
    return subprocess.Popen(cmd, cwd=project.work / "src", stdout=log, stderr=subprocess.STDOUT), stats, log


def duet_pair(project, baseline, candidate, cores):
    """Both configurations at once, on the given cores; their wall, CPU and peak memory figures. Both
    finish before either is judged, so a failure leaves no javac running."""
    return wait_for(project, [duet_compile(project, baseline, "a", cores[0]) + (baseline,),
                              duet_compile(project, candidate, "b", cores[1]) + (candidate,)])


def shared_core_pairs(project, baseline, candidate, round_number):
    """On each core at once, both configurations sharing that one core: [(core, baseline figures,
    candidate figures)]. Which of the two starts first alternates by round and core."""
    runs = []
    for core in (0, 1):
        slots = [("a", baseline), ("b", candidate)]
        for slot, config in slots if (round_number + core) % 2 == 0 else reversed(slots):
            runs.append((core, slot) + duet_compile(project, config, f"{core}{slot}", core) + (config,))
    figures = wait_for(project, [run[2:] for run in runs], threads=True)
    by_slot = {(core, slot): figure for (core, slot, *_), figure in zip(runs, figures)}
    return [(core, by_slot[(core, "a")], by_slot[(core, "b")]) for core in (0, 1)]


def wait_for(project, runs, threads=False):
    """Waits for every compile of (process, stats, log, config), then reads their figures; a failure
    stops the benchmark only once none is left running. With `threads`, also the CPU seconds of each
    JVM's JIT compiler threads, read from /proc while it runs (`jit_cpu`): a JVM with a core to spare
    runs them beside javac's thread, so the rest of its CPU time (`cpu` - `jit_cpu`: javac's thread,
    the collector, the VM) is about the wall time it would take there."""
    thread_cpu = poll_thread_cpu([process for process, *_ in runs], interval=0.2) if threads else None
    for process, _, log, _ in runs:
        process.wait()
        log.close()
    figures = []
    for index, (process, stats, log, config) in enumerate(runs):
        if process.returncode != 0:
            die(f"{project.name} [{config}] failed in the duet (exit {process.returncode}); log: {log.name}")
        wall, user, system, peak = stats.read_text().split()[-4:]
        figure = {"seconds": float(wall), "cpu": float(user) + float(system), "peak_kib": int(peak)}
        if thread_cpu is not None:
            figure["jit_cpu"] = round(thread_cpu[index]["jit"], 2)
        figures.append(figure)
    return figures


def command_duet(projects, rounds, pair_names, append, shared_core=False):
    """Duet benchmarking (Bulej et al., ICPE 2020): the two configurations of a pair compile at the same
    time, each pinned to its own core, and swap cores every round. Whatever slows the machine down
    (other tenants, steal time, frequency) slows both alike, so their ratio is stable where
    back-to-back timings on a shared VM are not. With `shared_core`, both configurations of a pair
    share one core instead (a pair on each core at once): the scheduler interleaves them within
    milliseconds, so even what slows one core and not the other slows both alike, and each one's CPU
    time is what it would take alone on that core."""
    prepare(projects)
    if (os.cpu_count() or 1) < 2 or shutil.which("taskset") is None:
        die("duet needs two cores and taskset (util-linux)")
    for project in projects:
        (project.work / "sources.args").write_text("\n".join(project.sources()) + "\n")
    records_file = SHARE if shared_core else DUET
    pairs = [DUET_PAIRS[name] for name in pair_names]
    base_revision = None
    if BASE_CHECKOUT:
        described = run(["git", "-C", str(BASE_CHECKOUT), "describe", "--always", "--dirty"])
        base_revision = described.stdout.strip() or "unknown"
    # Which checker build each AsyncGuard configuration compiled with: rounds of different builds must
    # not be pooled, and a checkout's commit does not say which jar its target/ holds.
    builds = {config: checker_build(ROOT if config == "asyncguard" else BASE_CHECKOUT)
              for config in {c for pair in pairs for c in pair} if config in ("asyncguard", "asyncguard-base")}
    first_round = 0
    if append and records_file.exists():  # more rounds for the same or other pairs: round numbers continue
        first_round = 1 + max((json.loads(line)["round"] for line in records_file.read_text().splitlines()), default=-1)
    else:
        records_file.unlink(missing_ok=True)
    figure = compared_figure(records_file)
    for round_number in range(first_round, first_round + rounds):
        for project in projects:
            for baseline, candidate in pairs:
                if shared_core:
                    measured = [({"core": core}, a, b) for core, a, b in
                                shared_core_pairs(project, baseline, candidate, round_number)]
                else:
                    cores = (0, 1) if round_number % 2 == 0 else (1, 0)
                    measured = [({"core_of_baseline": cores[0]}, *duet_pair(project, baseline, candidate, cores))]
                for placement, a, b in measured:
                    record = {"project": project.name, "round": round_number, "baseline": baseline,
                              "candidate": candidate, **placement, "a": a, "b": b, "collector": DUET_COLLECTOR}
                    if "asyncguard-base" in (baseline, candidate):
                        record["base_revision"] = base_revision
                    if builds:
                        record["checker_builds"] = {c: builds[c] for c in (baseline, candidate) if c in builds}
                    with records_file.open("a") as out:
                        out.write(json.dumps(record) + "\n")
                    print(f"{'share' if shared_core else 'duet'} {round_number + 1}/{first_round + rounds} "
                          f"{project.name:17} {baseline:10} {a[figure]:6.1f} s | {candidate:10} {b[figure]:6.1f} s | "
                          f"ratio {b[figure] / a[figure]:.3f}", flush=True)
    write_duet_report(projects)


def checker_build(checkout):
    """The first 12 hex digits of the SHA-256 of a checkout's built checker jar: names the build measured."""
    jar = asyncguard_path(checkout).split(os.pathsep)[0]
    return hashlib.sha256(Path(jar).read_bytes()).hexdigest()[:12]


def read_duet_records(records_file=DUET):
    return [json.loads(line) for line in records_file.read_text().splitlines()] if records_file.exists() else []


def compared_figure(records_file):
    """Duet pairs compare wall time; pairs sharing a core compare CPU time (their wall times overlap)."""
    return "cpu" if records_file == SHARE else "seconds"


WITHOUT_JIT = "cpu_without_jit"  # a shared-core figure: CPU time less the JIT compiler threads' (`wait_for`)


def with_jit_cpu(records):
    """The pair records that carry the JIT threads' CPU (shared-core runs since it was read)."""
    return [r for r in records if "jit_cpu" in r["a"] and "jit_cpu" in r["b"]]


def side_figure(side, figure):
    """One configuration's figure of a pair record."""
    return side["cpu"] - side["jit_cpu"] if figure == WITHOUT_JIT else side[figure]


def duet_summary(names, records_file=DUET, figure=None, collector=None):
    """Per pair: per-project median ratios and the corpus ratio of each complete round, of the records
    measured with one collector (by default the one verdicts are taken on)."""
    records = read_duet_records(records_file)
    figure = figure or compared_figure(records_file)
    if figure == WITHOUT_JIT:
        records = with_jit_cpu(records)
    collector = collector or primary_collector(records)
    records = [r for r in records if collector_of(r) == collector]
    summary = {}
    for pair in dict.fromkeys((r["baseline"], r["candidate"]) for r in records):
        mine = [r for r in records if (r["baseline"], r["candidate"]) == pair]
        ratio = lambda r: side_figure(r["b"], figure) / side_figure(r["a"], figure)
        per_project = {name: median([ratio(r) for r in mine if r["project"] == name])
                       for name in names if any(r["project"] == name for r in mine)}
        per_round = []
        for n in sorted({r["round"] for r in mine}):
            in_round = [r for r in mine if r["round"] == n and r["project"] in names]
            if {r["project"] for r in in_round} >= set(names):
                per_round.append(sum(side_figure(r["b"], figure) for r in in_round)
                                 / sum(side_figure(r["a"], figure) for r in in_round))
        summary[pair] = (per_project, per_round)
    return summary


DUET_INTRO = ("Each pair compiled with fresh javac processes at the same time, one configuration per core "
              "({setup}), without Error Prone's per-check timers (as a user "
              "compiles), the two swapping cores every round (`bench/corpus.sh duet`, {date}; complete rounds per "
              "pair in the table). Ratio: candidate / baseline wall time. Per project: the median over rounds; "
              "corpus: each round's total candidate time over its total baseline time, median and range over "
              "rounds. Checks off against itself is the calibration: what the method cannot resolve.\n")
SHARE_INTRO = ("Each pair compiled with fresh javac processes at the same time on one core ({setup}), a pair "
               "on each of the two cores at once, without Error Prone's per-check timers, which of the two starts first alternating (`bench/corpus.sh duet "
               "--shared-core`, {date}; complete rounds per pair in the table, each with two pairs per project). "
               "Ratio: candidate / baseline CPU time (user + system), which for a one-core JVM is the wall time "
               "it takes alone on that core. Per project: the median over pairs; corpus: each round's total "
               "candidate CPU time over its total baseline CPU time, median and range over rounds. Checks off "
               "against itself is the calibration: what the method cannot resolve.\n")


WITHOUT_JIT_INTRO = ("The same pairs without the CPU time of the JIT compiler threads (read from `/proc` while "
                     "each compile runs; pairs recorded before they were read are left out): javac's thread, "
                     "the collector and the VM. A JVM with a core to spare runs its JIT beside javac's thread, "
                     "so this is about the wall time a developer machine with idle cores would take; the JIT "
                     "still delivers compiled code later on one core than it would there, so it is not a "
                     "lower bound.\n")


def pinning_setup(collector):
    """How the paired JVMs were run, in words, for the collector their verdicts are taken on."""
    if collector == DUET_COLLECTOR:
        return ("`taskset`, `-XX:ActiveProcessorCount=1`, `-XX:+UseG1GC`: G1 is the collector a javac on a "
                "machine with two cores or more runs, where a one-CPU JVM would pick Serial")
    return "`taskset`, `-XX:ActiveProcessorCount=1`, so the JVM picked the Serial collector"


def write_duet_report(projects):
    """duet.md and share.md: one table per kind of paired run that has records."""
    for records_file, intro, table in ((DUET, DUET_INTRO, WORK / "duet.md"), (SHARE, SHARE_INTRO, WORK / "share.md")):
        if records_file.exists():
            lines = [intro.format(date=datetime.date.fromtimestamp(records_file.stat().st_mtime),
                                  setup=pinning_setup(primary_collector(read_duet_records(records_file))))]
            lines += pairs_table(projects, records_file)
            if records_file == SHARE and duet_summary([p.name for p in projects], SHARE, WITHOUT_JIT):
                lines += ["", WITHOUT_JIT_INTRO, *pairs_table(projects, records_file, WITHOUT_JIT)]
            table.write_text("\n".join(lines) + "\n")
            print("\n".join(lines))


def pairs_table(projects, records_file, figure=None):
    """A row per pair and collector: the verdicts' collector first, any other marked as such."""
    names = [p.name for p in projects]
    all_records = read_duet_records(records_file)
    if figure == WITHOUT_JIT:
        all_records = with_jit_cpu(all_records)
    collectors = collectors_in(all_records)
    lines = ["| Candidate / baseline | rounds | " + " | ".join(names) + " | **corpus** | corpus range | corpus mean, 95 % interval |",
             "|---|" + "---:|" * (len(names) + 4)]
    for collector in collectors:
        records = [r for r in all_records if collector_of(r) == collector]
        summary = duet_summary(names, records_file, figure, collector)
        lines += pair_rows(names, summary, records, "" if collector == collectors[0] else
                           f" (**{collector} collector**, as one-CPU JVMs ran before the pairs set {DUET_COLLECTOR})")
    return lines


def pair_rows(names, summary, records, note):
    lines = []
    for (baseline, candidate), (per_project, per_round) in summary.items():
        cells = [f"{per_project[n]:.3f}" if n in per_project else "-" for n in names]
        corpus = f"**{median(per_round):.3f}**" if per_round else "-"
        spread = f"{min(per_round):.3f}-{max(per_round):.3f}" if per_round else "-"
        ci = "-"
        if len(per_round) > 1:
            mean, low, high = interval(per_round)
            ci = f"{mean:.3f} ({low:.3f}-{high:.3f})"
        label = f"{describe_config(candidate)} / {describe_config(baseline)}"
        mine = [r for r in records if (r["baseline"], r["candidate"]) == (baseline, candidate)]
        jars = sorted({json.dumps(r.get("checker_builds", "not recorded"), sort_keys=True) for r in mine})
        if len(jars) > 1:
            label += f" (**{len(jars)} checker builds pooled**: {'; '.join(jars)})"
        elif mine and isinstance(mine[0].get("checker_builds"), dict) and mine[0]["checker_builds"]:
            # Pairs may come from different builds (one re-measured, one kept): say which each is.
            builds = mine[0]["checker_builds"]
            named = [f"{config}: {jar}" if len(builds) > 1 else jar for config, jar in sorted(builds.items())]
            label += f" (checker jar {', '.join(named)})"
        if "asyncguard-base" in (baseline, candidate):
            revisions = sorted({r.get("base_revision") or "unknown" for r in mine})
            label += f" ({', '.join(revisions)})"
        lines.append(f"| {label}{note} | {len(per_round)} | " + " | ".join(cells) + f" | {corpus} | {spread} | {ci} |")
    return lines


# ---------------------------------------------------------------------------------------------
# Anatomy: where the cost goes, from the JVM's own counters


ANATOMY = WORK / "anatomy.jsonl"
# HotSpot performance counters (what jstat reads), saved by each compiler JVM as it exits. Times are
# in ticks of sun.os.hrt.frequency; the collector numbering (0 young, 1 full) holds for Serial and G1.
ANATOMY_COUNTERS = [
    "java.cls.loadedClasses", "sun.cls.time",
    "sun.gc.collector.0.invocations", "sun.gc.collector.0.time",
    "sun.gc.collector.1.invocations", "sun.gc.collector.1.time",
    "sun.ci.totalCompiles", "sun.ci.standardBytes", "sun.ci.osrBytes", "sun.os.hrt.frequency",
]
ANATOMY_PAIR = ("errorprone", "asyncguard")


def read_counters(saved):
    """The counters of a JVM's saved performance data file, through the JDK's jstat."""
    jstat = JAVA_HOME / "bin/jstat"
    if not jstat.exists():
        die(f"anatomy needs jstat, which {JAVA_HOME} lacks: point BENCH_JAVA_HOME at a full JDK")
    result = run([str(jstat), "-J-Djstat.showUnsupported=true", "-snap", saved.as_uri()])
    values = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    missing = [c for c in ANATOMY_COUNTERS if c not in values]
    if result.returncode != 0 or missing:
        die(f"jstat could not read {saved} (missing {', '.join(missing) or 'nothing'}):\n{result.stderr[-2000:]}")
    return {c: float(values[c]) for c in ANATOMY_COUNTERS}


def thread_group(name):
    """The part of a HotSpot JVM a thread (by its name) works for."""
    if name.startswith(("C1 ", "C2 ")):
        return "jit"
    if name in ("java", "javac", "main"):
        return "javac"
    return "vm"  # the VM thread (where the serial collector runs), GC workers, service threads


def jvm_of(pid):
    """The JVM below `/usr/bin/time taskset javac`: time's child (taskset becomes javac)."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def poll_thread_cpu(processes, interval=0.1):
    """CPU seconds per thread group of each running compile, read from /proc until all have exited:
    the last reading of each thread (within one interval of its end)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seen = [dict() for _ in processes]
    while any(p.poll() is None for p in processes):
        for index, process in enumerate(processes):
            jvm = jvm_of(process.pid)
            if jvm is None:
                continue
            try:
                tasks = os.listdir(f"/proc/{jvm}/task")
            except OSError:
                continue
            for tid in tasks:
                try:
                    stat = Path(f"/proc/{jvm}/task/{tid}/stat").read_text()
                except OSError:
                    continue
                name = stat[stat.index("(") + 1:stat.rindex(")")]
                fields = stat[stat.rindex(")") + 2:].split()
                seen[index][tid] = (thread_group(name), (int(fields[11]) + int(fields[12])) / ticks)
        time.sleep(interval)
    totals = []
    for threads in seen:
        groups = {"javac": 0.0, "jit": 0.0, "vm": 0.0}
        for group, seconds in threads.values():
            groups[group] += seconds
        totals.append(groups)
    return totals


def command_anatomy(projects, rounds):
    """Checks off and AsyncGuard on, compiled in pairs as the duet does, each JVM saving its counters
    and logging the classes it loads: what AsyncGuard adds in classes, metaspace, collections and
    JIT work, the parts of its cost that no per-check timer sees."""
    prepare(projects)
    if (os.cpu_count() or 1) < 2 or shutil.which("taskset") is None:
        die("anatomy needs two cores and taskset (util-linux)")
    ANATOMY.unlink(missing_ok=True)
    for project in projects:
        (project.work / "sources.args").write_text("\n".join(project.sources()) + "\n")
    for round_number in range(rounds):
        for project in projects:
            cores = (0, 1) if round_number % 2 == 0 else (1, 0)
            started = []
            for config, slot, core in zip(ANATOMY_PAIR, ("anatomy-a", "anatomy-b"), cores):
                saved = project.work / f"perfdata-{slot}"
                classes = project.work / f"classes-{slot}.log"
                gc_log = project.work / f"gc-{slot}.log"
                saved.unlink(missing_ok=True)
                # Metaspace is read from the JVM's own statistics at exit: its performance counter is
                # only updated by a collection, so it would be stale in a compile that makes none.
                flags = ["-J-XX:+UsePerfData", "-J-XX:+PerfDataSaveToFile", f"-J-XX:PerfDataSaveFile={saved}",
                         f"-J-Xlog:class+load=info:file={classes}", f"-J-Xlog:gc:file={gc_log}",
                         "-J-XX:+UnlockDiagnosticVMOptions", "-J-XX:+PrintMetaspaceStatisticsAtExit"]
                started.append((config, saved, classes, gc_log, duet_compile(project, config, slot, core, flags)))
            thread_cpu = poll_thread_cpu([compile_[0] for *_, compile_ in started])
            for (config, saved, classes, gc_log, (process, stats, log)), cpu in zip(started, thread_cpu):
                process.wait()
                log.close()
                if process.returncode != 0:
                    die(f"{project.name} [{config}] failed in the anatomy run (exit {process.returncode}); log: {log.name}")
                own = sum(1 for line in classes.read_text().splitlines() if " dev.asyncguard." in line)
                wall = float(stats.read_text().split()[-4])
                # "Pause Full (Metadata GC Threshold) ...": why each full collection happened.
                full_causes = re.findall(r"Pause Full \(([^)]+)\)", gc_log.read_text())
                statistics = Path(log.name).read_text()
                used = re.search(r"Both:\s+([\d.]+) MB used", statistics)
                threshold = re.search(r"Initial GC threshold:\s+([\d.]+) MB", statistics)
                if not used or not threshold:
                    die(f"{project.name} [{config}]: no metaspace statistics in {log.name}")
                record = {"project": project.name, "round": round_number, "config": config, "seconds": wall,
                          "own_classes": own, "full_causes": full_causes, "metaspace_mib": float(used.group(1)),
                          "metaspace_threshold_mib": float(threshold.group(1)), "thread_cpu": cpu,
                          "counters": read_counters(saved)}
                with ANATOMY.open("a") as out:
                    out.write(json.dumps(record) + "\n")
            print(f"anatomy {round_number + 1}/{rounds} {project.name}", flush=True)
    write_anatomy_report(projects)


def write_anatomy_report(projects):
    records = [json.loads(line) for line in ANATOMY.read_text().splitlines()] if ANATOMY.exists() else []
    if not records:
        return
    rounds = len({r["round"] for r in records})

    def figure(project, config, key):
        mine = [r for r in records if r["project"] == project and r["config"] == config]
        if key == "own_classes":
            return median([r["own_classes"] for r in mine])
        ticks = lambda r: r["counters"]["sun.os.hrt.frequency"] / 1000  # per millisecond
        if key in ("sun.cls.time", "sun.gc.collector.0.time", "sun.gc.collector.1.time"):
            return median([r["counters"][key] / ticks(r) for r in mine])
        if key in ("metaspace_mib", "metaspace_threshold_mib"):
            return median([r[key] for r in mine])
        if key in ("javac", "jit", "vm"):
            return median([r["thread_cpu"][key] for r in mine if "thread_cpu" in r] or [0.0])
        if key == "seconds":
            return median([r["seconds"] for r in mine])
        if key == "bytecode":
            return median([(r["counters"]["sun.ci.standardBytes"] + r["counters"]["sun.ci.osrBytes"]) / 1024 for r in mine])
        return median([r["counters"][key] for r in mine])

    threshold = median([r["metaspace_threshold_mib"] for r in records])
    lines = [f"What the JVM itself counts while compiling (`bench/corpus.sh anatomy`, "
             f"{datetime.date.fromtimestamp(ANATOMY.stat().st_mtime)}, {rounds} rounds; medians): checks off and "
             "AsyncGuard on compiled in pairs, one core each, as in the duet, each JVM saving its performance "
             "counters and printing its metaspace statistics as it exits, and logging its class loads and "
             "collections. These are the parts of the cost that Error Prone's per-check timers do not "
             "see: loading AsyncGuard's classes, the metaspace they and the JIT's profiles of their code take, "
             "collections, and the JIT compiling their code.\n",
             "| Project | configuration | classes loaded (AsyncGuard's own) | class loading, ms | metaspace at exit, MiB | "
             "young collections (ms) | full collections (ms) | JIT compilations | bytecode JIT-compiled, KiB | "
             "wall, s | CPU s: javac's thread | CPU s: JIT compiler threads | CPU s: VM and GC threads |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    tipped = []
    for p in projects:
        for config in ANATOMY_PAIR:
            if not any(r["project"] == p.name and r["config"] == config for r in records):
                continue
            f = lambda key: figure(p.name, config, key)
            lines.append(
                f"| {p.name} | {describe_config(config)} | {f('java.cls.loadedClasses'):.0f} ({f('own_classes'):.0f}) | "
                f"{f('sun.cls.time'):.0f} | {f('metaspace_mib'):.1f} | "
                f"{f('sun.gc.collector.0.invocations'):.0f} ({f('sun.gc.collector.0.time'):.0f}) | "
                f"{f('sun.gc.collector.1.invocations'):.0f} ({f('sun.gc.collector.1.time'):.0f}) | "
                f"{f('sun.ci.totalCompiles'):.0f} | {f('bytecode'):.0f} | {f('seconds'):.1f} | "
                f"{f('javac'):.1f} | {f('jit'):.1f} | {f('vm'):.1f} |")
        full_off = figure(p.name, "errorprone", "sun.gc.collector.1.invocations")
        full_on = figure(p.name, "asyncguard", "sun.gc.collector.1.invocations")
        causes = sorted({c for r in records if r["project"] == p.name and r["config"] == "asyncguard"
                         for c in r.get("full_causes", [])})
        if full_on > full_off:
            tipped.append((p.name, figure(p.name, "errorprone", "metaspace_mib"),
                           figure(p.name, "asyncguard", "sun.gc.collector.1.time"), causes))
    if tipped and threshold:
        lines.append("")
        lines.append(
            "Full collections only the compile with AsyncGuard made: "
            + "; ".join(f"{name} (checks off ends with {used:.1f} MiB of metaspace; with AsyncGuard, "
                        f"{ms:.0f} ms of full collection, cause: {', '.join(causes) or 'not logged'})"
                        for name, used, ms, causes in tipped)
            + f". The JVM collects when its metaspace first reaches MetaspaceSize (its initial threshold, "
              f"{threshold:.1f} MiB here): a compile that ends just under it with checks off crosses it once any checks' classes "
              "(and the JIT's profiles of their code) are added, so this part of the cost is a step, not a "
              "rate. A build that gives javac `-J-XX:MetaspaceSize=64m` does not pay it.")
    with_threads = [r for r in records if "thread_cpu" in r]
    if with_threads:
        def summed(config, key):
            return sum(figure(p.name, config, key) for p in projects)
        added_wall = summed("asyncguard", "seconds") - summed("errorprone", "seconds")
        added_javac = summed("asyncguard", "javac") - summed("errorprone", "javac")
        jit_share = summed("errorprone", "jit") / max(summed("errorprone", "seconds"), 1e-9)
        lines.append("")
        lines.append(
            f"On one core javac's thread shares the core with the JIT compilers' threads, which with checks "
            f"off took {100 * jit_share:.0f} % of it (all projects; the JIT compiles javac's and Error Prone's "
            "hot code for most of the compile). The time AsyncGuard adds to javac's thread therefore shows in "
            "the wall time more than once, and the JIT compiles AsyncGuard's own hot code too: summed over "
            f"the projects' medians, AsyncGuard added {added_javac:+.1f} s of CPU to javac's thread and "
            f"{added_wall:+.1f} s of wall time. On a machine with a core to spare for the JIT, the wall time "
            "grows by about what javac's thread does.")
    (WORK / "anatomy.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


# ---------------------------------------------------------------------------------------------
# Warm: repeated compiles in one JVM (bench/warm/WarmCompile.java)


def command_warm(projects, rounds, skip):
    prepare(projects)
    exports = [e[2:] for e in JVM_EXPORTS]  # the same flags, for a plain java launch
    classpath = os.pathsep.join([errorprone_path(), asyncguard_path()])
    rows = []
    for project in projects:
        out = project.work / "classes-warm"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        argfile = project.work / "sources.args"
        argfile.write_text("\n".join(project.sources()) + "\n")
        cmd = [str(JAVA_HOME / "bin/java"), "-Xmx3g", *exports, "-cp", classpath,
               str(BENCH / "warm/WarmCompile.java"), str(argfile), project.classpath(), str(out), str(rounds)]
        times = {}
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
            for line in process.stdout:
                _, round_number, config, millis, cpu_millis = line.split()
                print(f"warm {project.name:17} round {round_number} {config:10} {int(millis):7} ms "
                      f"(compile thread CPU {int(cpu_millis):7} ms)", flush=True)
                if int(round_number) >= skip:
                    times.setdefault(config, []).append(int(millis))
            error = process.stderr.read()
        if process.returncode != 0:
            die(f"{project.name}: the warm harness failed:\n{error[-3000:]}")
        rows.append((project.name, {c: median(v) for c, v in times.items()}, len(times["asyncguard"])))
    lines = [f"The same compilations repeated in one JVM through Error Prone's compiler API "
             f"(`bench/corpus.sh warm --rounds {rounds}`, `bench/warm/WarmCompile.java`): the configurations "
             f"rotate round by round and the first {skip} rounds (JIT warm-up) are not counted, so JVM start "
             "and warm-up noise are gone. Medians, milliseconds.\n",
             "| Project | rounds counted | checks off | + AsyncGuard | ratio | FRVI alone | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    total = {"errorprone": 0.0, "asyncguard": 0.0, "frvi": 0.0}
    for name, t, n in rows:
        for c in total:
            total[c] += t[c]
        lines.append(f"| {name} | {n} | {t['errorprone']:.0f} | {t['asyncguard']:.0f} | "
                     f"{t['asyncguard'] / t['errorprone']:.3f} | {t['frvi']:.0f} | {t['frvi'] / t['errorprone']:.3f} |")
    lines.append(f"| **all** | | {total['errorprone']:.0f} | {total['asyncguard']:.0f} | "
                 f"**{total['asyncguard'] / total['errorprone']:.3f}** | {total['frvi']:.0f} | "
                 f"{total['frvi'] / total['errorprone']:.3f} |")
    (WORK / "warm.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(prog="bench/corpus.sh", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("fetch").add_argument("projects", nargs="*")
    sub.add_parser("check").add_argument("projects", nargs="*")
    sub.add_parser("update").add_argument("projects", nargs="*")
    measure = sub.add_parser("measure")
    measure.add_argument("--runs", type=int, default=5)
    measure.add_argument("projects", nargs="*")
    sub.add_parser("report").add_argument("projects", nargs="*")
    warm = sub.add_parser("warm")
    warm.add_argument("--rounds", type=int, default=8)
    warm.add_argument("--skip", type=int, default=2)
    warm.add_argument("projects", nargs="*")
    duet = sub.add_parser("duet")
    duet.add_argument("--rounds", type=int, default=3)
    duet.add_argument("--calibrate", action="store_true", help="also run checks-off against itself")
    duet.add_argument("--pairs", default=",".join(DEFAULT_DUET_PAIRS),
                      help=f"comma-separated, of {', '.join(DUET_PAIRS)} (default: %(default)s)")
    duet.add_argument("--append", action="store_true", help="keep the earlier duet rounds and add to them")
    duet.add_argument("--shared-core", action="store_true", help="both configurations of a pair on one core, "
                      "a pair on each core at once; compares CPU time (records in bench/work/share.jsonl)")
    duet.add_argument("--base", type=Path, help="for the against-base pair: a checkout of the base revision, built "
                      "(mvn -B -q package -DskipTests -pl annotations,checker)")
    duet.add_argument("projects", nargs="*")
    anatomy = sub.add_parser("anatomy")
    anatomy.add_argument("--rounds", type=int, default=3)
    anatomy.add_argument("projects", nargs="*")
    stress = sub.add_parser("stress")
    stress.add_argument("--runs", type=int, default=3)
    startup = sub.add_parser("startup")
    startup.add_argument("--rounds", type=int, default=16)
    args = parser.parse_args()
    if args.command == "stress":
        command_stress(args.runs)
        return
    if args.command == "startup":
        if args.rounds < 2:
            die("--rounds must be at least 2 (an interval needs two rounds)")
        command_startup(args.rounds)
        return
    projects = read_projects(args.projects)
    # Cost commands time the cost corpus only; naming a findings-only project there is a mistake.
    timed = [p for p in projects if not p.findings_only]
    if args.command in ("warm", "duet", "anatomy", "measure", "report"):
        named_untimed = [p.name for p in projects if p.findings_only and args.projects]
        if named_untimed:
            die(f"{', '.join(named_untimed)}: findings-only in bench/projects.txt, so not timed; "
                f"`{args.command}` takes cost-corpus projects")
    if args.command == "fetch":
        for project in projects:
            project.fetch()
            print(f"{project.name}: {project.sources_jar.relative_to(ROOT)}, "
                  f"{len(project.classpath().split(os.pathsep))} classpath entries")
    elif args.command == "warm":
        if args.rounds <= args.skip:
            die("--rounds must be larger than --skip")
        command_warm(timed, args.rounds, args.skip)
    elif args.command == "duet":
        if args.rounds < 1:
            die("--rounds must be at least 1")
        pair_names = [name for name in args.pairs.split(",") if name]
        unknown = [name for name in pair_names if name not in DUET_PAIRS]
        if unknown or not pair_names:
            die(f"--pairs: unknown pair {', '.join(unknown) or '(none given)'}; expected a comma-separated "
                f"list of {', '.join(DUET_PAIRS)}")
        if args.calibrate and "calibration" not in pair_names:
            pair_names.insert(0, "calibration")
        if ("against-base" in pair_names) != (args.base is not None):
            die("--base DIR goes with --pairs against-base, and that pair needs it: a checkout of the base "
                "revision, built (git worktree add DIR REV; mvn -B -q package -DskipTests -pl annotations,checker)")
        global BASE_CHECKOUT
        BASE_CHECKOUT = args.base.resolve() if args.base else None
        if BASE_CHECKOUT:
            asyncguard_path(BASE_CHECKOUT)  # fails early, with the command, when it is not built
        command_duet(timed, args.rounds, pair_names, args.append, args.shared_core)
    elif args.command == "anatomy":
        if args.rounds < 1:
            die("--rounds must be at least 1")
        command_anatomy(timed, args.rounds)
    elif args.command == "report":
        command_report(timed, [p for p in projects if p.findings_only])
    elif args.command in ("check", "update"):
        command_check(projects, update=args.command == "update")
    else:
        if args.runs < 1:
            die("--runs must be at least 1")
        command_measure(timed, args.runs, [p for p in projects if p.findings_only])


if __name__ == "__main__":
    main()
