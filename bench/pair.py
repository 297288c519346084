#!/usr/bin/env python3
"""Two builds of blueprint side by side, and Graphviz dot beside them (docs/performance.md).

    bench/pair.py [--rounds 41] [--sizes 12,200,1000] [--dot] BASE NEW

Renders the blueprint `bench/gen.py` makes for each size with BASE and NEW (paths to two
`blueprint` binaries), alternating run by run (the order swapped every round, so drift and load
from elsewhere hit both alike), after one untimed warm-up each; with --dot, `dot -Tsvg` of the
same blueprint joins the rotation. Each run is a whole process, output written to a file in
/tmp. CPU time is user + system from the child's rusage (wait4), wall time from
`time.perf_counter` around the spawn. Prints one Markdown table: medians, the median of the
per-round NEW/BASE CPU ratios, and dot's ratio to NEW in CPU and wall time."""
import argparse, os, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ap.add_argument('--rounds', type=int, default=41)
ap.add_argument('--sizes', default='12,200,1000')
ap.add_argument('--dot', action='store_true', help='time `dot -Tsvg` too')
ap.add_argument('base')
ap.add_argument('new')
a = ap.parse_args()


def run(argv):
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'pair.py: failed: {" ".join(argv)}')
    return ru.ru_utime + ru.ru_stime, wall


gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'gen.py')
work = tempfile.mkdtemp(prefix='blueprint-pair-')
head = '| N | BASE CPU ms | NEW CPU ms | NEW/BASE CPU | BASE wall ms | NEW wall ms |'
rule = '|--:|--:|--:|--:|--:|--:|'
if a.dot:
    head += ' dot CPU ms | dot wall ms | dot/NEW CPU | dot/NEW wall |'
    rule += '--:|--:|--:|--:|'
print(head)
print(rule, flush=True)
for n in map(int, a.sizes.split(',')):
    subprocess.run([sys.executable, gen, str(n), work], check=True, stdout=subprocess.DEVNULL)
    src = os.path.join(work, f'bp-{n}.yaml')
    cmds = {
        'base': [a.base, 'render', src, '-o', os.path.join(work, 'base.svg')],
        'new': [a.new, 'render', src, '-o', os.path.join(work, 'new.svg')],
    }
    if a.dot:
        cmds['dot'] = ['dot', '-Tsvg', os.path.join(work, f'bp-{n}.dot'), '-o', os.path.join(work, 'dot.svg')]
    for argv in cmds.values():
        run(argv)
    got = {k: [] for k in cmds}
    ratios = []
    for r in range(a.rounds):
        order = list(cmds) if r % 2 == 0 else list(reversed(list(cmds)))
        this = {k: run(cmds[k]) for k in order}
        for k, v in this.items():
            got[k].append(v)
        ratios.append(this['new'][0] / this['base'][0])
    cpu = {k: statistics.median(x[0] for x in v) * 1000 for k, v in got.items()}
    wall = {k: statistics.median(x[1] for x in v) * 1000 for k, v in got.items()}
    line = (f"| {n} | {cpu['base']:.2f} | {cpu['new']:.2f} | {statistics.median(ratios):.3f} "
            f"| {wall['base']:.2f} | {wall['new']:.2f} |")
    if a.dot:
        line += (f" {cpu['dot']:.1f} | {wall['dot']:.1f} | {cpu['dot'] / cpu['new']:.1f}× "
                 f"| {wall['dot'] / wall['new']:.1f}× |")
    print(line, flush=True)
