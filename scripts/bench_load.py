"""Load times and package sizes for `make bench` (scripts/bench-all.sh collects what this prints).

Load time: what a merchant's process pays once to load omg-payment, per language: a fresh process
that loads the package, against the same process doing nothing, each started RUNS times
alternately; the figure is the median of the first minus the median of the second.

    python bench_load.py load ROW RUNS -- COMMAND... -- BASELINE...
        prints `load<TAB>ROW<TAB>median ms<TAB>baseline median ms`, or `missing<TAB>load:ROW<TAB>why`
    python bench_load.py sizes DIST
        prints `size<TAB>NAME<TAB>bytes<TAB>file` per package found in DIST (`make dist`'s output),
        or `size<TAB>NAME<TAB>-<TAB>not built (what is missing)`

A command that fails is reported as missing, not timed.
"""

import glob
import os
import statistics
import subprocess
import sys
import tarfile
import time


def run_once(command):
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-200:]}"
        )
    return elapsed


def load(row, runs, command, baseline):
    try:
        run_once(command)  # the page cache warm for both, as on a server that restarts
        run_once(baseline)
        with_package, without = [], []
        for _ in range(runs):
            with_package.append(run_once(command))
            without.append(run_once(baseline))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as e:
        print(f"missing\tload:{row}\t{str(e).splitlines()[0] if str(e) else type(e).__name__}")
        return
    print(f"load\t{row}\t{statistics.median(with_package):.2f}\t{statistics.median(without):.2f}")


# (name, glob under dist/, member of an archive to measure instead of the archive itself, or None)
PACKAGES = [
    ("Python wheel (manylinux x86_64)", "python/*manylinux*x86_64*.whl", None),
    ("npm platform package (linux-x64-gnu)", "node/omg-payment-linux-x64-gnu-*.tgz", None),
    ("PHP extension .so (x86_64 glibc, in the PIE archive)", "php/*x86_64-linux-glibc*.tgz", ".so"),
    ("NuGet package (every RID)", "nuget/*.nupkg", None),
]


def sizes(dist):
    for name, pattern, member in PACKAGES:
        found = sorted(glob.glob(os.path.join(dist, pattern)))
        if not found:
            print(f"size\t{name}\t-\tnot built (no {pattern} in {dist}; `make dist` builds it)")
            continue
        path = found[-1]
        size = os.path.getsize(path)
        shown = os.path.relpath(path, os.path.dirname(dist) or ".")
        if member is not None:
            with tarfile.open(path) as archive:
                inner = [m for m in archive.getmembers() if m.name.endswith(member)]
            if not inner:
                print(f"size\t{name}\t-\tnot built (no {member} inside {shown})")
                continue
            size, shown = inner[0].size, f"{shown}:{inner[0].name}"
        print(f"size\t{name}\t{size}\t{shown}")


def main(argv):
    if argv[:1] == ["sizes"] and len(argv) == 2:
        sizes(argv[1])
    elif argv[:1] == ["load"] and len(argv) > 4 and argv[3] == "--" and "--" in argv[4:]:
        split = argv.index("--", 4)
        load(argv[1], int(argv[2]), argv[4:split], argv[split + 1 :])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
