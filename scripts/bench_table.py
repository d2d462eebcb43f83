"""Prints the one table of `make bench` from what scripts/bench-all.sh collected.

Input lines (tab-separated): `<lang>\t<a line the language's benchmark printed>`,
`callgrind\t<case>\t<instructions per call>`, `load\t<lang>\t<ms>\t<baseline ms>`,
`size\t<package>\t<bytes or ->\t<file or why not>` (scripts/bench_load.py),
`sim\tquery\t<requests/s of one wrk run>` (omg-sim), or `missing\t<lang>\t<reason>`. Each benchmark
prints omg-payment's time and its plain implementation's (Rust: SHA-256 alone over the same
bytes) measured side by side in one process; the table shows the median over the runs of each,
and the median of the per-run ratios.
"""

import re
import statistics
import sys
from collections import defaultdict

# (row id, operation, baseline, target as issue 26 states it)
ROWS = [
    ("rust:sign", "core mac::sign, 15-field order", "SHA-256 alone", "≤ 2.0× (stretch 1.5×)"),
    ("rust:verify", "core verify_notification, 30 fields from raw body", "SHA-256 alone", "≤ 3× (stretch 2×)"),
    ("rust:reply", "core QueryTradeInfo parse_reply, 30 fields", "SHA-256 alone", "≤ 3× (stretch 2×)"),
    ("python:check", "Python check_mac_value", "plain Python", "≥ 25× (stretch 40×)"),
    ("python:verify", "Python verify_notification", "plain Python", "≥ 25× (stretch 40×)"),
    ("node:check", "Node checkMacValue", "plain JS", "≥ 5× (stretch 8×)"),
    ("node:verify", "Node verifyNotification (Buffer)", "plain JS", "≥ 5× (stretch 8×)"),
    ("php:check", "PHP checkMacValue", "plain PHP", "≥ 5× (stretch 8×)"),
    ("php:verify", "PHP verifyNotification", "plain PHP", "≥ 5× (stretch 8×)"),
    ("php:verify_read", "PHP verifyNotification + 3 property reads", "plain PHP", "≥ 4× (stretch 8×)"),
    ("dotnet:check", ".NET CheckMacValue", "managed C#", "≥ 6× (stretch 10×)"),
    ("dotnet:verify", ".NET VerifyNotification", "managed C#", "≥ 5× (stretch 10×)"),
]

# Load-time rows: lang -> (what is loaded, the same process doing nothing), target ≤ 50 ms.
LOADS = [
    ("python", "`import omg_payment`", "python -c pass"),
    ("node", "`require('omg-payment')`", "node -e ''"),
    ("php", "PHP extension load (`php -d extension=...`)", "php -r ''"),
    ("dotnet", ".NET first P/Invoke (`OmgPayment.Nack`, Mono)", "mono, an empty Main"),
]

# Rust cases: row id -> (omg-payment case, baseline case), the names `mac --tsv` prints.
RUST = {
    "rust:sign": ("sign", "sha_order"),
    "rust:verify": ("verify_notification", "sha_notification"),
    "rust:reply": ("parse_reply", "sha_reply"),
}

# How each language prints a row: regex -> (row id, group of omg-payment's µs, group of plain's µs).
NUMBER = r"([\d.]+) µs"
PATTERNS = {
    "python": [
        (re.compile(r"^check_mac_value.*?" + NUMBER + r"\s+" + NUMBER), "python:check", 1, 2),
        (re.compile(r"^verify_notification.*?" + NUMBER + r"\s+" + NUMBER), "python:verify", 1, 2),
    ],
    # node prints plain JS first, then native
    "node": [
        (re.compile(r"^\| checkMacValue[^|]*\| " + NUMBER + r" \| " + NUMBER), "node:check", 2, 1),
        (re.compile(r"^\| verifyNotification[^|]*\| " + NUMBER + r" \| " + NUMBER), "node:verify", 2, 1),
    ],
    "php": [
        (re.compile(r"^checkMacValue\s+" + NUMBER + r"\s+" + NUMBER), "php:check", 1, 2),
        (re.compile(r"^verifyNotification\s+" + NUMBER + r"\s+" + NUMBER), "php:verify", 1, 2),
        (re.compile(r"^verify \+ 3 reads\s+" + NUMBER + r"\s+" + NUMBER), "php:verify_read", 1, 2),
    ],
    "dotnet": [
        (re.compile(r"^\| CheckMacValue[^|]*\| " + NUMBER + r" \| " + NUMBER), "dotnet:check", 1, 2),
        (re.compile(r"^\| verify[^|]*\| " + NUMBER + r" \| " + NUMBER), "dotnet:verify", 1, 2),
    ],
}


def read(path):
    samples = defaultdict(list)  # row id -> [(omg ns, baseline ns)]
    rust_runs = defaultdict(dict)  # run index -> case -> ns
    rust_seen = defaultdict(int)
    instructions = {}
    missing = {}
    loads = {}  # lang -> (ms, baseline ms)
    sizes = []  # (package, bytes or None, file or why not)
    sim = []  # omg-sim QueryTradeInfo requests/s, one per wrk run
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            lang = parts[0]
            if lang == "missing":
                missing[parts[1]] = parts[2]
            elif lang == "load":
                loads[parts[1]] = (float(parts[2]), float(parts[3]))
            elif lang == "size":
                sizes.append((parts[1], None if parts[2] == "-" else int(parts[2]), parts[3]))
            elif lang == "sim":
                sim.append(float(parts[2]))
            elif lang == "callgrind":
                instructions[parts[1]] = int(parts[2])
            elif lang == "rust" and len(parts) == 3:
                case, ns = parts[1], float(parts[2])
                run = rust_seen[case]
                rust_seen[case] += 1
                rust_runs[run][case] = ns
            else:
                text = "\t".join(parts[1:]).strip()
                for pattern, row, omg, plain in PATTERNS.get(lang, []):
                    m = pattern.search(text)
                    if m:
                        samples[row].append((float(m.group(omg)) * 1000, float(m.group(plain)) * 1000))
    for run in rust_runs.values():
        for row, (case, base) in RUST.items():
            if case in run and base in run:
                samples[row].append((run[case], run[base]))
    return samples, instructions, missing, loads, sizes, sim


def ns(value):
    return f"{value / 1000:.2f} µs" if value >= 1000 else f"{value:.0f} ns"


def main():
    path, runs = sys.argv[1], sys.argv[2]
    samples, instructions, missing, loads, sizes, sim = read(path)
    print(f"| operation | omg-payment | baseline | ratio (median of {runs}) | target | callgrind instructions |")
    print("|---|---:|---|---:|---|---|")
    for row, name, baseline, target in ROWS:
        lang = row.split(":")[0]
        got = samples.get(row)
        if not got:
            reason = missing.get(lang, "its benchmark printed no such row")
            print(f"| {name} | not built ({reason}) | {baseline} | — | {target} | — |")
            continue
        omg = statistics.median(o for o, _ in got)
        base = statistics.median(b for _, b in got)
        ratio = statistics.median((o / b if lang == "rust" else b / o) for o, b in got)
        shown = f"{ratio:.2f}× {baseline}" if lang == "rust" else f"{ratio:.1f}× faster"
        ir = "—"
        if row in RUST:
            case, base_case = RUST[row]
            if case in instructions and base_case in instructions:
                ours, theirs = instructions[case], instructions[base_case]
                ir = f"{ours:,} vs {theirs:,} ({ours / theirs:.2f}×)"
        print(f"| {name} | {ns(omg)} | {baseline} {ns(base)} | {shown} | {target} | {ir} |")
    if "callgrind" in missing:
        print(f"callgrind: {missing['callgrind']}")
    print()
    print("| load time (fresh process, median) | with omg-payment | baseline | load time | target |")
    print("|---|---:|---|---:|---|")
    for lang, name, baseline in LOADS:
        if lang in loads:
            ms, base = loads[lang]
            print(f"| {name} | {ms:.1f} ms | {baseline} {base:.1f} ms | {ms - base:.1f} ms | ≤ 50 ms (stretch 10 ms) |")
        else:
            reason = missing.get(f"load:{lang}", missing.get(lang, "not measured"))
            print(f"| {name} | not built ({reason}) | {baseline} | — | ≤ 50 ms (stretch 10 ms) |")
    print()
    print("| omg-sim (wrk -t2 -c8, loopback) | requests/s (median) | runs | target |")
    print("|---|---:|---|---|")
    name = "QueryTradeInfo/V5, each request verified, each reply signed"
    if sim:
        runs_shown = " / ".join(f"{r:,.0f}" for r in sim)
        print(f"| {name} | {statistics.median(sim):,.0f} | {runs_shown} | ≥ 50,000 |")
    else:
        reason = missing.get("sim", "no wrk run gave a figure")
        print(f"| {name} | not built ({reason}) | — | ≥ 50,000 |")
    if sizes:
        print()
        print("| package (dist/) | size | file |")
        print("|---|---:|---|")
        for name, size, where in sizes:
            shown = f"{size / 1024 / 1024:.2f} MB" if size is not None else "not built"
            print(f"| {name} | {shown} | {where} |")


if __name__ == "__main__":
    main()
