#!/usr/bin/env python3
"""Generate equivalent blueprints of N steps for the anchors comparison (bench/compare.sh).

Every format gets the same diagram: five lanes (physical evidence, customer, onstage,
backstage, support) x N steps, one short sentence per cell, an arrow from each customer item
to the next one (step i -> i+1) and one from each customer item to its onstage item.

    python3 bench/gen.py N OUTDIR      writes OUTDIR/bp-N.{yaml,dot,d2,mmd,puml}

Plain Python 3, no third-party packages.
"""

import os
import sys

LANES = [
    # key, label, prefix of node ids in the other formats, sentence for step i
    ("evidence", "Physical evidence", "e", "Sign number {i}"),
    ("customer", "Customer actions", "c", "Customer does step {i}"),
    ("onstage", "Onstage contact employee actions", "o", "Employee helps with step {i}"),
    ("backstage", "Backstage contact employee actions", "b", "Prepare what step {i} needs"),
    ("support", "Support processes", "p", "System records step {i}"),
]


def yaml(n):
    """Our format: customer_path gives the customer arrows, flows the customer->onstage ones."""
    out = [f"title: Generated blueprint, {n} steps\n", "customer_path: true\n", "steps:\n"]
    for i in range(n):
        out.append(f"  - id: s{i}\n")
        for key, _label, _p, text in LANES:
            out.append(f"    {key}: {text.format(i=i)}\n")
    out.append("flows:\n")
    for i in range(n):
        out.append(f"  - {{from: s{i}.customer, to: s{i}.onstage}}\n")
    return "".join(out)


def dot(n):
    """Graphviz: a cluster per lane, rankdir=LR, rank=same per step (one column per step).

    newrank=true is what lets a rank=same set span clusters: without it dot silently takes
    the nodes out of their clusters and draws no lanes. With rankdir=LR the first cluster
    listed ends up at the bottom, so the lanes are listed bottom-up (evidence on top).
    """
    out = [
        "digraph blueprint {\n",
        "  rankdir=LR;\n",
        "  newrank=true;\n",
        '  node [shape=box, style="rounded"];\n',
    ]
    for key, label, p, text in reversed(LANES):
        out.append(f'  subgraph cluster_{key} {{\n    label="{label}";\n')
        for i in range(n):
            out.append(f'    {p}{i} [label="{text.format(i=i)}"];\n')
        out.append("  }\n")
    for i in range(n):
        out.append("  { rank=same; " + " ".join(f"{p}{i};" for _k, _l, p, _t in LANES) + " }\n")
    for i in range(n - 1):
        out.append(f"  c{i} -> c{i + 1};\n")
    for i in range(n):
        out.append(f"  c{i} -> o{i};\n")
    out.append("}\n")
    return "".join(out)


def d2(n):
    """D2: a grid of five rows (one container per lane), each lane a grid of N columns."""
    out = ["grid-rows: 5\n", "grid-gap: 40\n"]
    for key, label, _p, text in LANES:
        out.append(f'{key}: "{label}" {{\n  grid-columns: {n}\n')
        for i in range(n):
            out.append(f'  s{i}: "{text.format(i=i)}"\n')
        out.append("}\n")
    for i in range(n - 1):
        out.append(f"customer.s{i} -> customer.s{i + 1}\n")
    for i in range(n):
        out.append(f"customer.s{i} -> onstage.s{i}\n")
    return "".join(out)


def mermaid(n):
    """Mermaid: flowchart LR with a subgraph per lane."""
    out = ["flowchart LR\n"]
    for key, label, p, text in LANES:
        out.append(f'  subgraph {key} ["{label}"]\n')
        for i in range(n):
            out.append(f'    {p}{i}["{text.format(i=i)}"]\n')
        out.append("  end\n")
    for i in range(n - 1):
        out.append(f"  c{i} --> c{i + 1}\n")
    for i in range(n):
        out.append(f"  c{i} --> o{i}\n")
    return "".join(out)


def plantuml(n):
    """PlantUML: an activity diagram with a swimlane |Lane| per lane.

    An activity diagram is one control flow, so free arrows cannot be drawn: each step is the
    customer's action followed by a fork into the onstage action and the step's other three
    items, joined before the next customer action. The customer->onstage arrow and the
    customer->next customer path are there (through the fork bars); every item is on the flow.
    """
    out = ["@startuml\n"]
    for _key, label, _p, _t in LANES:
        out.append(f"|{label}|\n")
    lane = {key: label for key, label, _p, _t in LANES}
    text = {key: t for key, _l, _p, t in LANES}
    for i in range(n):
        out.append(f"|{lane['customer']}|\n:{text['customer'].format(i=i)};\n")
        out.append("fork\n")
        first = True
        for key in ("onstage", "evidence", "backstage", "support"):
            if not first:
                out.append("fork again\n")
            first = False
            out.append(f"  |{lane[key]}|\n  :{text[key].format(i=i)};\n")
        out.append("end fork\n")
    out.append("@enduml\n")
    return "".join(out)


FORMATS = {"yaml": yaml, "dot": dot, "d2": d2, "mmd": mermaid, "puml": plantuml}


def main(argv):
    if len(argv) != 3 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write("usage: gen.py N OUTDIR\n")
        return 2
    n, outdir = int(argv[1]), argv[2]
    os.makedirs(outdir, exist_ok=True)
    for ext, make in FORMATS.items():
        with open(os.path.join(outdir, f"bp-{n}.{ext}"), "w", encoding="utf-8") as f:
            f.write(make(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
