#!/usr/bin/env python3
"""Time whole-process renders of the generated inputs and print one comparison table.

Called by bench/compare.sh, which installs the tools, builds blueprint and generates the inputs.

    measure.py --inputs DIR --outdir DIR --sizes 12,50,200,1000 --runs 7 --slow-runs 3 \
               --timeout 300 --tool blueprint=PATH [--tool dot=PATH ...] [--skip 'name: why' ...]

For each size: one untimed warm-up run of each tool (which must succeed), then --runs timed
runs (--slow-runs for a tool whose warm-up took over a second, one for a warm-up over a minute), round-robin over the tools so
that load from elsewhere on the machine hits all of them alike. Each run is one whole process, started as
`/usr/bin/time -f '%e %M' -o FILE TOOL ...`:
- wall time: perf_counter from just before the spawn to the exit, in microseconds (GNU time's
  own %e has 10 ms steps, too coarse for a 2 ms process); it includes starting GNU time,
  about what the baseline row (/bin/true) shows;
- peak RSS: GNU time's %M, the kernel's ru_maxrss of the tool and every process it waited
  for: the largest single process, not the sum of a process tree. This runner makes itself a
  child subreaper, so processes the tool orphaned (a browser's helpers) are reaped here and
  their ru_maxrss counted too.
GNU time is the parent for a reason: Linux keeps a process's pre-exec high-water RSS across
exec, so a child forked straight from this Python process would report Python's ~16 MiB.
Without /usr/bin/time (Debian package `time`) the runner spawns directly, uses wait4's
rusage, and says that the RSS column then includes that floor.

Exit status: 0, or 1 if blueprint itself failed (a crash, a non-zero exit, no SVG written).
Other tools' failures are shown as "failed" / "timeout" in the table.

Plain Python 3, no third-party packages.
"""

import argparse
import ctypes
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

# name -> (input extension, argv template); {in}, {out}, {exe} and {bench} are filled in.
# stdin/stdout redirection: "<" / ">" entries.
TOOLS = {
    "true": ("yaml", ["{exe}"]),
    "blueprint": ("yaml", ["{exe}", "render", "{in}", "-o", "{out}"]),
    "dot": ("dot", ["{exe}", "-Tsvg", "{in}", "-o", "{out}"]),
    "d2": ("d2", ["{exe}", "{in}", "{out}"]),
    "mmdc": (
        "mmd",
        [
            "{exe}", "-q", "-i", "{in}", "-o", "{out}",
            "-p", "{bench}/puppeteer.json", "-c", "{bench}/mermaid.json",
        ],
    ),
    "plantuml": ("puml", ["{exe}", "-tsvg", "-pipe", "<", "{in}", ">", "{out}"]),
}
ORDER = ["true", "blueprint", "dot", "d2", "mmdc", "plantuml"]
LABEL = {"true": "(nothing: /bin/true)"}

# The speed targets (docs/performance.md): tool -> {N: minimum ratio anchor/blueprint}; RSS limit.
TARGETS = {
    200: [("dot", 10, ">="), ("d2", 10, ">="), ("mmdc", 1000, ">")],
    1000: [("dot", 30, ">="), ("d2", 10, ">=")],
}
RSS_TARGET = (1000, 20.0)

PR_SET_CHILD_SUBREAPER = 36


def become_subreaper():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except Exception:  # not Linux, or no prctl: orphans are simply not counted
        return False


def reap_orphans(grace=2.0):
    """Wait for processes reparented to us (a tool's leftover helpers); return their max RSS."""
    peak = 0
    deadline = time.monotonic() + grace
    while True:
        try:
            pid, _status, ru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            return peak
        if pid == 0:
            if time.monotonic() > deadline:
                kill_descendants()
                deadline = time.monotonic() + grace
            time.sleep(0.01)
            continue
        peak = max(peak, ru.ru_maxrss)


def kill_descendants():
    """SIGKILL the processes whose parent is this runner (only ever ones a run started)."""
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == me:
            try:
                os.kill(int(entry), signal.SIGKILL)
            except OSError:
                pass


GNU_TIME = "/usr/bin/time"


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "?"


def cpu_busy(window=3.0):
    """Fraction of all CPU time not idle over `window` seconds (from /proc/stat)."""
    def snap():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + (v[4] if len(v) > 4 else 0)
    try:
        t0, i0 = snap()
        time.sleep(window)
        t1, i1 = snap()
    except (OSError, ValueError):
        return 0.0
    return 1.0 - (i1 - i0) / max(1, t1 - t0)


def wait_idle(budget, deadline):
    """Wait (until `deadline`) for the machine to be quiet: under 10% busy for 3 s."""
    if budget <= 0:
        return
    while True:
        busy = cpu_busy()
        if busy < 0.10:
            return
        if time.monotonic() > deadline:
            sys.stderr.write(f"  machine still {busy:.0%} busy; measuring anyway\n")
            return
        sys.stderr.write(f"  machine {busy:.0%} busy (another program); waiting ...\n")
        time.sleep(7)


def have_gnu_time():
    try:
        r = subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True, timeout=10)
        return r.returncode == 0 and r.stderr.strip().isdigit()
    except (OSError, subprocess.SubprocessError):
        return False


def failure_reason(text):
    """The line of a tool's messages that says why it failed (best effort)."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    keys = ("Exception", "Error", "error", "exceeded", "timed out", "Killed", "terminated")
    for l in lines:
        if any(k in l for k in keys) and not l.startswith("at "):
            return l[:160]
    return lines[-1][:160] if lines else ""


def run_once(argv, timeout, log, timefile=None):
    """One whole-process run. Returns (status, wall_ms, peak_kib); on failure the status
    carries the tool's own reason where it gave one."""
    stdin = stdout = None
    args = []
    it = iter(argv)
    for a in it:
        if a == "<":
            stdin = open(next(it), "rb")
        elif a == ">":
            stdout = open(next(it), "wb")
        else:
            args.append(a)
    if timefile:
        args = [GNU_TIME, "-f", "%e %M", "-o", timefile] + args
    errf = tempfile.TemporaryFile()
    try:
        t0 = time.perf_counter()
        p = subprocess.Popen(
            args,
            stdin=stdin if stdin else subprocess.DEVNULL,
            stdout=stdout if stdout else errf,
            stderr=errf,
            start_new_session=True,
        )
        timed_out = []

        def on_alarm(_sig, _frame):
            timed_out.append(True)
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            _pid, st, ru = os.wait4(p.pid, 0)  # blocks; the alarm kills the run on time-out
            t1 = time.perf_counter()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
        status = os.waitstatus_to_exitcode(st)
        p.returncode = status
        if timed_out:
            reap_orphans()
            return "timeout", None, None
        errf.seek(0)
        messages = errf.read()
        log.write(messages)
        log.flush()
        # Tools that leave helpers behind (mmdc's browser): take them down with the run.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except OSError:
            pass
        peak = reap_orphans()
        if timefile:
            try:
                with open(timefile) as f:
                    last = f.read().strip().splitlines()[-1]
                peak = max(peak, int(last.split()[1]))
            except (OSError, IndexError, ValueError):
                return "no RSS from /usr/bin/time", None, None
        else:
            peak = max(peak, ru.ru_maxrss)
        if status != 0:
            why = failure_reason(messages.decode("utf-8", "replace"))
            return f"exit {status}" + (f": {why}" if why else ""), (t1 - t0) * 1000.0, peak
        return "ok", (t1 - t0) * 1000.0, peak
    finally:
        errf.close()
        for f in (stdin, stdout):
            if f:
                f.close()


def output_ok(name, path):
    if name == "true":
        return True
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return False
    if b"<svg" not in data[:4096] and b"<svg" not in data:
        return False
    if name == "mmdc" and (b"Syntax error in text" in data or b"Maximum text size" in data):
        return False
    return True


def fmt_ms(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def fmt_ratio(v):
    if v is None:
        return "-"
    if v >= 100:
        return f"{v:,.0f}×"
    if v >= 10:
        return f"{v:.1f}×"
    return f"{v:.2f}×"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--inputs", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--sizes", default="12,50,200,1000")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--slow-runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300.0)
    ap.add_argument("--tool", action="append", default=[], help="NAME=EXECUTABLE")
    ap.add_argument("--skip", action="append", default=[], help="'NAME: reason'")
    ap.add_argument("--json", help="write raw samples here")
    ap.add_argument("--wait-idle", type=float, default=0.0,
                    help="before each size, wait up to this many seconds in all for the "
                         "machine to be idle (under 10%% busy)")
    a = ap.parse_args()

    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    exes = dict(t.split("=", 1) for t in a.tool)
    os.makedirs(a.outdir, exist_ok=True)
    reaper = become_subreaper()
    timefile = os.path.join(a.outdir, "time.txt") if have_gnu_time() else None
    log_path = os.path.join(a.outdir, "tools.log")
    log = open(log_path, "ab")

    tools = [t for t in ORDER if t in exes]
    load_start = loadavg()
    results = {}  # (tool, n) -> dict
    given_up = {}  # tool -> reason it is not run at larger N
    bp_failed = False

    def fail(t, n, st):
        nonlocal bp_failed
        results[(t, n)] = {
            "status": "timeout" if st == "timeout" else "failed",
            "detail": f"> {a.timeout:g} s" if st == "timeout" else st,
        }
        if t == "blueprint":
            bp_failed = True
        if st == "timeout":
            given_up[t] = f"not run (timed out at N={n})"

    idle_deadline = time.monotonic() + a.wait_idle
    for n in sizes:
        wait_idle(a.wait_idle, idle_deadline)
        # Warm-up: one untimed run of each tool, which must succeed; it also picks the number
        # of timed runs (fewer for tools that take seconds).
        argvs, outs, plan = {}, {}, {}
        for t in tools:
            ext, tmpl = TOOLS[t]
            inp = os.path.join(a.inputs, f"bp-{n}.{ext}")
            out = os.path.join(a.outdir, f"{t}-{n}.svg")
            argv = [
                x.format(exe=exes[t], bench=HERE, **{"in": inp, "out": out}) for x in tmpl
            ]
            if t in given_up:
                results[(t, n)] = {"status": given_up[t]}
                continue
            sys.stderr.write(f"  N={n:<5} {t:<9} warm-up ... ")
            sys.stderr.flush()
            log.write(f"\n=== {t} N={n}: {' '.join(argv)}\n".encode())
            log.flush()
            if os.path.exists(out):
                os.unlink(out)
            st, ms, _ = run_once(argv, a.timeout, log, timefile)
            if st == "ok" and not output_ok(t, out):
                st = "no SVG"
            if st != "ok":
                sys.stderr.write(f"{st}\n")
                fail(t, n, st)
                continue
            plan[t] = a.runs if ms <= 1000 else a.slow_runs if ms <= 60_000 else 1
            sys.stderr.write(f"{ms:,.0f} ms -> {plan[t]} timed runs\n")
            argvs[t], outs[t] = argv, out
        # Timed runs, round-robin over the tools (run k of every tool, then run k+1), so that
        # a burst of load from elsewhere on the machine hits every tool alike.
        samples = {t: ([], []) for t in plan}
        sys.stderr.write(f"  N={n:<5} timed runs ")
        for k in range(max(plan.values(), default=0)):
            for t in tools:
                if t not in plan or k >= plan[t] or (t, n) in results:
                    continue
                st, ms, kib = run_once(argvs[t], a.timeout, log, timefile)
                if st == "ok" and not output_ok(t, outs[t]):
                    st = "no SVG"
                if st != "ok":
                    fail(t, n, st)
                    continue
                samples[t][0].append(ms)
                samples[t][1].append(kib)
            sys.stderr.write(".")
            sys.stderr.flush()
        sys.stderr.write("\n")
        for t, (walls, peaks) in samples.items():
            if (t, n) in results:
                continue
            results[(t, n)] = {
                "status": "ok",
                "runs": len(walls),
                "median": statistics.median(walls),
                "min": min(walls),
                "max": max(walls),
                "rss_mib": max(peaks) / 1024.0,
                "walls_ms": walls,
                "peaks_kib": peaks,
            }
    log.close()
    load_end = loadavg()

    # ---- the table -----------------------------------------------------------------------
    print()
    print("| tool | N | runs | median ms | min ms | max ms | peak RSS MiB | × blueprint's time |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    for n in sizes:
        bp = results.get(("blueprint", n), {})
        for t in tools:
            r = results.get((t, n), {})
            name = LABEL.get(t, t)
            if r.get("status") != "ok":
                status = r.get("status", "-")
                if r.get("detail") and r["detail"] != status:
                    status += f" ({r['detail']})"
                print(f"| {name} | {n} | - | {status} | | | | |")
                continue
            ratio = "-"
            if t not in ("blueprint", "true") and bp.get("status") == "ok":
                ratio = fmt_ratio(r["median"] / bp["median"])
            elif t == "true" and bp.get("status") == "ok":
                ratio = f"(blueprint = {bp['median'] / r['median']:.1f}× nothing)"
            print(
                f"| {name} | {n} | {r['runs']} | {fmt_ms(r['median'])} | {fmt_ms(r['min'])} | "
                f"{fmt_ms(r['max'])} | {r['rss_mib']:.1f} | {ratio} |"
            )
    for t, why in (s.split(":", 1) for s in a.skip):
        print(f"\nskipped {t.strip()}:{why}")

    # ---- ratios against the targets ------------------------------------------------
    lines = []
    for n, targets in TARGETS.items():
        bp = results.get(("blueprint", n), {})
        if bp.get("status") != "ok":
            continue
        for t, want, op in targets:
            r = results.get((t, n), {})
            if t not in exes:
                lines.append(f"N={n}: vs {t}: target {op}{want}×: not measured ({t} not installed)")
                continue
            if r.get("status") != "ok":
                lines.append(f"N={n}: vs {t}: target {op}{want}×: not measured ({t} {r.get('status')})")
                continue
            ratio = r["median"] / bp["median"]
            met = ratio >= want if op == ">=" else ratio > want
            lines.append(
                f"N={n}: vs {t}: {ratio:,.1f}× (target {op}{want}×): {'MET' if met else 'NOT MET'}"
            )
    n, limit = RSS_TARGET
    bp = results.get(("blueprint", n), {})
    if bp.get("status") == "ok":
        lines.append(
            f"N={n}: blueprint peak RSS {bp['rss_mib']:.1f} MiB (target <{limit:.0f} MiB): "
            f"{'MET' if bp['rss_mib'] < limit else 'NOT MET'}"
        )
    if lines:
        print("\nTargets (docs/performance.md), ratio = anchor median / blueprint median:")
        for line in lines:
            print("  " + line)
    print(f"\nload average (1, 5, 15 min) at start: {load_start}; at end: {load_end} "
          f"(on {os.cpu_count()} cores; anything above ~0.2 is another program competing)")
    if timefile:
        print("wall: whole process, spawn to exit, under /usr/bin/time; peak RSS: its %M "
              "(largest single process of the tool's tree)")
    else:
        print("\n(note: no /usr/bin/time (Debian package `time`): peak RSS is wait4's ru_maxrss, "
              "which includes the Python runner's ~16 MiB kept across exec; compare with the "
              "/bin/true row)")
    if not reaper:
        print("\n(note: could not become a child subreaper; orphaned helper processes not counted)")

    if a.json:
        with open(a.json, "w") as f:
            json.dump(
                {
                    "machine": platform.platform(),
                    "results": [
                        {"tool": t, "n": n, **r} for (t, n), r in results.items()
                    ],
                },
                f,
                indent=1,
            )
    if bp_failed:
        print("\nblueprint FAILED on at least one input (see the log above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
