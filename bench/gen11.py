#!/usr/bin/env python3
"""Generate a format 1.1 blueprint of N steps that uses every 1.1 addition, for the
"parse-and-check of a 10,000-step 1.1 file under a second" and "render time per step stays
flat" measurements (docs/performance.md).

    python3 bench/gen11.py N > bp11-N.yaml

Every step has feelings on two curves (one in words) and a fail point weighted by impact,
and insight rows; every other step a duration per variant; every third, tagged evidence with
a touch point; every fourth, an owner and tags; every fifth, a variant card and evidence
status; every tenth, a moment of truth, metadata and a spanning support card; a phase every
50 steps with a loop back from the last phase to the first; flows of both kinds with notes.
At 10,000 steps: about 5.7 MB and 560,000 YAML nodes, inside MAX_INPUT_BYTES, MAX_NODES and
MAX_TOTAL_TEXT_BYTES. Plain Python 3, no third-party packages.
"""

import sys


def main(argv):
    if len(argv) != 2 or not argv[1].isdigit() or int(argv[1]) < 1:
        sys.stderr.write("usage: gen11.py N\n")
        return 2
    n = int(argv[1])
    phases = max(1, (n + 49) // 50)
    out = [
        "version: 1.1\n",
        f"title: Generated 1.1 blueprint, {n} steps\n",
        "tags:\n",
    ]
    for t in ("sense", "feel", "think", "act", "relate"):
        out.append(f"  - {{ id: {t}, label: {t.title()} }}\n")
    out += [
        "curves:\n",
        "  - { id: guest, label: Guest, lane: customer }\n",
        "  - { id: staff, label: Staff, lane: onstage }\n",
        "variants:\n",
        "  - { id: as-is, label: As is }\n",
        "  - { id: to-be, label: To be }\n",
        "phases:\n",
    ]
    for p in range(phases):
        out.append(f"  - id: p{p}\n    label: Phase {p}\n    description: Steps {p * 50 + 1} on\n")
        if p == phases - 1 and phases > 1:
            out.append("    loops_to: p0\n    loop_label: Loyalty loop\n")
    out += [
        "lanes:\n",
        "  - { id: evidence, description: What the guest sees }\n",
        "  - { id: customer, description: A returning guest }\n",
        "  - { id: onstage }\n",
        "  - { id: backstage }\n",
        "  - { id: support }\n",
        "  - { id: thinking, label: Thinking, zone: insight, kind: thinking }\n",
        "  - { id: pain, label: Pain points, zone: insight, kind: pain }\n",
        "steps:\n",
    ]
    for i in range(n):
        out.append(f"  - id: s{i}\n    phase: p{i // 50}\n")
        out.append(
            f"    emotion: {{ guest: {{ score: {1 + i % 5}, label: Feeling {i} }}, staff: {1 + (i * 3) % 5} }}\n"
        )
        if i % 2 == 0:
            out.append(f"    duration: {{ as-is: {i % 7 + 1} min, to-be: {i % 3 + 1} min }}\n")
        if i % 3 == 0:
            out.append(f"    evidence: {{ text: Sign number {i}, touchpoint: brand, tags: sense }}\n")
        else:
            out.append(f"    evidence: Sign number {i}\n")
        customer = f"    customer:\n      id: c{i}\n      text: Customer does step {i}\n"
        if i % 10 == 0:
            customer += "      marks: moment-of-truth\n      tags: [act, feel]\n"
        if i % 5 == 0:
            customer += f"      status: observed\n      source: Interview {i}\n"
        out.append(customer)
        onstage = f"    onstage:\n      id: o{i}\n      text: Employee helps with step {i}\n"
        onstage += f"      fail: {{ cause: Slow at step {i}, impact: {('low', 'medium', 'high')[i % 3]} }}\n"
        if i % 4 == 0:
            onstage += f"      owner: Team {i % 4}\n      tags: [think, relate]\n"
        if i % 10 == 0:
            onstage += f"      meta: {{ effort: high, ticket: T-{i} }}\n"
        out.append(onstage)
        variant = ", variant: to-be" if i % 5 == 0 else ""
        out.append(f"    backstage: {{ text: Prepare what step {i} needs{variant} }}\n")
        if i % 10 == 0:
            until = min(n - 1, i + 4)
            out.append(f"    support: {{ text: System records steps {i} to {until}, until: s{until} }}\n")
        out.append(f"    thinking: What happens at step {i}?\n")
        if i % 4 == 0:
            out.append(f"    pain: Waiting at step {i}\n")
    out.append("flows:\n")
    for i in range(n):
        out.append(f"  - {{ from: c{i}, to: o{i}, note: Hand-off {i} }}\n")
        if i + 1 < n and i % 3 == 0:
            out.append(f"  - {{ from: o{i}, to: o{i + 1}, kind: needs }}\n")
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
