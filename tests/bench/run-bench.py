#!/usr/bin/env python3
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# run-bench.py --build DIR [--scale F]… [--runs N]: Carnet's benchmarks on generated
# databases, each figure beside a baseline measured in the same run (a minimal libadwaita
# window, the sqlite3 tool), and the targets. Run by `.ci/dev bench`, under Xvfb.

import argparse
import json
import sqlite3
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-01-15"

# The rows of `carnet-cli export csv actions`, as the sqlite3 tool can write them: the same
# joins, filters and order (NOCASE for Carnet's own collation, which the tool lacks).
CSV_SQL = """
SELECT c.name, c.insee, p.number, p.title, a.number, a.title, t.name,
 a.phase, a.status, a.maturity, a.priority, a.lead, a.owner, a.referent, a.partners,
 a.start_planned, a.end_planned, a.start_actual, a.end_actual, a.progress, a.cost_ht,
 a.cost_ttc, a.in_ort,
 a.end_planned IS NOT NULL AND a.end_planned < '{today}'
   AND a.status NOT IN ('termine', 'abandonne'),
 a.description, a.uuid
 FROM actions a
 JOIN projects p ON p.uuid = a.project_uuid
 JOIN communes c ON c.uuid = p.commune_uuid
 LEFT JOIN themes t ON t.uuid = a.theme_uuid
 WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND c.deleted_at IS NULL
 ORDER BY c.name COLLATE NOCASE, c.insee, p.number COLLATE NOCASE, p.title COLLATE NOCASE,
  p.id, a.number COLLATE NOCASE, a.title COLLATE NOCASE, a.id
""".format(today=TODAY)


def median(values):
    return statistics.median(values) if values else float("nan")


def p95(values):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


class Runner:
    def __init__(self, build, work, env):
        self.build = build
        self.work = work
        self.env = env

    def path(self, *parts):
        return os.path.join(self.build, *parts)

    def run(self, argv, stdout=subprocess.PIPE, timeout=900, check=True):
        """Runs argv with BENCH_T0_US set just before it starts; returns (seconds, stdout)."""
        env = dict(self.env)
        env["BENCH_T0_US"] = str(time.monotonic_ns() // 1000)
        start = time.monotonic()
        proc = subprocess.run(argv, env=env, stdout=stdout, stderr=subprocess.PIPE,
                              timeout=timeout)
        elapsed = time.monotonic() - start
        if check and proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode(errors="replace"))
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode})")
        out = proc.stdout.decode(errors="replace") if stdout == subprocess.PIPE else ""
        return elapsed, out

    def metrics(self, argv, timeout=900):
        """Runs a benchmark program and collects the JSON lines it prints."""
        _, out = self.run(argv, timeout=timeout)
        found = {}
        for line in out.splitlines():
            line = line.strip()
            if not line.startswith("{"):
                continue
            item = json.loads(line)
            found[item["metric"]] = item.get("samples", item.get("value"))
        return found

    def cli(self, *args, timeout=600, check=True):
        return self.run([self.path("src", "cli", "carnet-cli"), *args], timeout=timeout,
                        check=check)

    def cli_usage(self, command):
        """The usage line of a carnet-cli command, or None when it has none yet."""
        _, out = self.run([self.path("src", "cli", "carnet-cli"), "--help"], check=False)
        for line in out.splitlines():
            words = line.split()
            if words and words[0] == command:
                return line.strip()
        return None


class Table:
    def __init__(self, headers=("metric", "value", "baseline (same run)", "ratio", "target", "")):
        self.headers = headers
        self.rows = []

    def add(self, *cells):
        self.rows.append(tuple(cells) + ("",) * (len(self.headers) - len(cells)))

    def print(self, title):
        headers = self.headers
        widths = [max(len(str(r[i])) for r in self.rows + [headers]) for i in range(len(headers))]
        print()
        print(title)
        line = "  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()
        print(line)
        print("-" * len(line))
        for r in self.rows:
            print("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)).rstrip())


def ms(value):
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def verdict(ok):
    return "ok" if ok else "MISSED"


def bench_region(runner, db, table, n_files=76, n_communes=159):
    """A regional coordinator's merge: the communes of one région (159 of them, as many as
    the biggest regions count), exported by 76 chefs de projet in files of two or three
    communes each, all merged at once into an empty Carnet."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        region = con.execute("SELECT region FROM communes WHERE deleted_at IS NULL"
                             " GROUP BY region ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
        insee = [r[0] for r in con.execute("SELECT insee FROM communes WHERE region = ?"
                                           " AND deleted_at IS NULL ORDER BY insee", (region,))]
    insee = insee[:n_communes]
    if len(insee) < n_files:
        table.add("regional merge", f"only {len(insee)} communes in {region}", "", "", "", "")
        return
    folder = os.path.join(runner.work, "region")
    os.makedirs(folder, exist_ok=True)
    files = []
    for i in range(n_files):
        part = insee[i::n_files]
        path = os.path.join(folder, f"chef-{i:02d}.json")
        args = ["export", "--db", db, "--format", "json", "-o", path]
        for code in part:
            args += ["--commune", code]
        runner.cli(*args)
        files.append(path)
    size = sum(os.path.getsize(f) for f in files) / 1e6
    target = os.path.join(runner.work, "region.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.unlink(target + suffix)
    elapsed, _ = runner.cli("import", "--db", target, "--merge", *files)
    table.add(f"regional merge: {n_files} files, {len(insee)} communes ({size:.0f} MB)",
              ms(elapsed * 1000), "", "", "", "")
    again, _ = runner.cli("import", "--db", target, "--merge", *files)
    table.add("the same files merged again (nothing changes)", ms(again * 1000), "", "", "", "")


def bench_scale(runner, scale, runs, seed, results):
    table = Table()
    db = os.path.join(runner.work, f"carnet-{scale:g}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.unlink(db + suffix)

    # The generator
    _, out = runner.cli("generate", "--db", db, "--scale", f"{scale:g}", "--seed", str(seed),
                        "--json")
    gen = json.loads(out)
    size_mb = os.path.getsize(db) / 1e6
    title = (f"Scale {scale:g}: {gen['communes']} communes, {gen['projects']} projects, "
             f"{gen['actions']} actions, {gen['funding_lines']} funding lines, "
             f"{gen['walks']} walks, {gen['observations']} observations "
             f"({size_mb:.0f} MB)")
    print(f"\n== {title}", flush=True)

    # Start to first frame, and memory: the app and the minimal window, alternately.
    app_start, app_list, minimal_start, app_mem, app_mem_search, minimal_mem = [], [], [], [], [], []
    for _ in range(runs):
        m = runner.metrics([runner.path("tests", "bench", "bench-minimal-window")])
        minimal_start.append(m["start"])
        minimal_mem.append(m["memory-start"])
        a = runner.metrics([runner.path("tests", "bench", "bench-app"), "start", db])
        app_start.append(a["start"])
        app_list.append(a["start-list"])
        app_mem.append(a["memory-start"])
        app_mem_search.append(a["memory-search"])
    start, base = median(app_start), median(minimal_start)
    table.add(f"start to first frame (median of {runs})", ms(start), ms(base),
              f"{start / base:.2f}×", "≤ 1.5×", verdict(start <= 1.5 * base))
    listed = median(app_list)
    table.add("start to the list of actions drawn", ms(listed), ms(base), f"{listed / base:.2f}×",
              "", "")

    # Interaction in the window, beside the floor of a keystroke: the same words typed in the
    # minimal window's search entry, drawn in a label
    inter = runner.metrics([runner.path("tests", "bench", "bench-app"), "interact", db])
    floor = runner.metrics([runner.path("tests", "bench", "bench-minimal-window"), "type"])
    f = floor.get("type", [])
    for metric, label in (("search", "search keystroke → list drawn"),
                          ("filter", "filter change → list drawn")):
        s = inter.get(metric, [])
        table.add(f"{label} (median / p95, n={len(s)})", f"{median(s):.1f} / {p95(s):.1f} ms",
                  f"{median(f):.1f} / {p95(f):.1f} ms (keystroke, minimal)",
                  f"{median(s) / median(f):.1f}× / {p95(s) / p95(f):.1f}×",
                  "p95 < 16 ms", verdict(p95(s) < 16))
    for metric, label in (("open-commune", "open a commune → list drawn"),
                          ("open-action", "open an action → detail drawn")):
        s = inter.get(metric, [])
        table.add(f"{label} (median / p95, n={len(s)})", f"{median(s):.1f} / {p95(s):.1f} ms",
                  "", "", "p95 < 16 ms", verdict(p95(s) < 16))
    s = inter.get("edit-app-call", [])
    table.add(f"edit in the window, call (median / p95, n={len(s)})",
              f"{median(s):.1f} / {p95(s):.1f} ms", "", "", "", "")
    s = inter.get("edit-app", [])
    table.add(f"edit in the window → drawn (median / p95, n={len(s)})",
              f"{median(s):.1f} / {p95(s):.1f} ms", "", "", "", "")

    # An edit committed, the store alone
    core = runner.metrics([runner.path("tests", "bench", "bench-core"), "edit", db])
    s = core["edit-store"]
    table.add(f"edit committed, update_text (median / p95, n={len(s)})",
              f"{median(s):.2f} / {p95(s):.2f} ms", "", "", "median < 5 ms",
              verdict(median(s) < 5))

    # Exports, when carnet-cli has them (they are being written)
    export = runner.cli_usage("export")
    if export is not None and "csv" in export:
        out_csv = os.path.join(runner.work, "actions.csv")
        t_carnet = min(runner.cli("export", "--db", db, "--format", "csv", "--what", "actions",
                                  "--dialect", "rfc4180", "--date", TODAY, "-o", out_csv)[0]
                       for _ in range(3))
        base_csv = os.path.join(runner.work, "actions-sqlite3.csv")
        t_sqlite = []
        for _ in range(3):
            with open(base_csv, "wb") as f:
                t_sqlite.append(runner.run(["sqlite3", "-csv", "-readonly", db, CSV_SQL],
                                           stdout=f)[0])
        t_sqlite = min(t_sqlite)
        table.add("CSV export of all actions (best of 3)", ms(t_carnet * 1000),
                  f"{ms(t_sqlite * 1000)} (sqlite3 -csv)", f"{t_carnet / t_sqlite:.2f}×",
                  "≤ 1.5×", verdict(t_carnet <= 1.5 * t_sqlite))
    else:
        table.add("CSV export of all actions", "not yet available", "", "", "≤ 1.5× sqlite3", "")

    out_json = os.path.join(runner.work, "all.json")
    if export is not None and "json" in export:
        t = runner.cli("export", "--db", db, "--format", "json", "-o", out_json)[0]
        table.add("JSON export of everything", ms(t * 1000), "", "", "< 2 s", verdict(t < 2))
    else:
        table.add("JSON export of everything", "not yet available", "", "", "< 2 s", "")
    import_usage = runner.cli_usage("import")
    if import_usage is not None and os.path.exists(out_json):
        target = os.path.join(runner.work, "imported.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(target + suffix):
                os.unlink(target + suffix)
        elapsed, _ = runner.cli("import", "--db", target, out_json)
        table.add("JSON import of everything", ms(elapsed * 1000), "", "", "< 5 s",
                  verdict(elapsed < 5))
        bench_region(runner, db, table)
    else:
        table.add("JSON import of everything", "not yet available", "", "", "< 5 s", "")

    if export is not None and "pdf" in export:
        out_pdf = os.path.join(runner.work, "report.pdf")
        t = runner.cli("export", "--db", db, "--format", "pdf", "--date", TODAY, "-o", out_pdf)[0]
        table.add("PDF report of all communes", ms(t * 1000), "", "", "< 5 s", verdict(t < 5))
    else:
        table.add("PDF report of all communes", "not yet available", "", "", "< 5 s", "")

    table.add("generator", f"{gen['rows_per_second']:,.0f} rows/s".replace(",", " "),
              "", "", "", f"{gen['rows']:,} rows in {gen['seconds']:.1f} s".replace(",", " "))
    mem, base = median(app_mem_search), median(minimal_mem)
    table.add("peak memory after start and a search (VmHWM)", f"{mem / 1024:.0f} MB",
              f"{base / 1024:.0f} MB", f"{mem / base:.2f}×", "≤ 2×", verdict(mem <= 2 * base))
    table.add("peak memory after start", f"{median(app_mem) / 1024:.0f} MB",
              f"{base / 1024:.0f} MB", f"{median(app_mem) / base:.2f}×", "", "")
    table.print(f"Scale {scale:g}")

    # Where the time of each interaction goes: the call that makes the change (for a
    # keystroke, the search runs after it, in the entry's own callback), the frame's layout
    # (styles, sizes, positions) and its drawing; the rest is what runs between the call and
    # the frame (the search, the frame clock's wait and its tick callbacks).
    breakdown = Table(("interaction", "total", "call", "layout", "drawing"))
    for metric in ("search", "filter", "open-commune", "open-action", "edit-app"):
        total = inter.get(metric, [])
        if not total:
            continue
        breakdown.add(metric, f"{median(total):.1f} ms",
                      f"{median(inter.get(metric + '/call', [])):.1f} ms",
                      f"{median(inter.get(metric + '/layout', [])):.1f} ms",
                      f"{median(inter.get(metric + '/paint', [])):.1f} ms")
    breakdown.print(f"Scale {scale:g}: where the interactions' time goes (medians)")

    # The list queries alone, for profiling
    queries = runner.metrics([runner.path("tests", "bench", "bench-core"), "queries", db])
    qt = Table(("query", "median / p95", "rows"))
    for name, samples in queries.items():
        if name.endswith("-rows"):
            continue
        qt.add(name, f"{median(samples):.1f} / {p95(samples):.1f} ms",
               f"{int(queries.get(name + '-rows', 0))} rows")
    qt.print(f"Scale {scale:g}: list queries (median / p95), carnet_store_query() alone")

    results[scale] = {"start": start, "start_list": listed, "start_base": median(minimal_start), "interact": inter,
                      "edit": median(core["edit-store"]), "generator": gen, "memory": mem,
                      "memory_base": base}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build", required=True)
    parser.add_argument("--scale", action="append", default=[],
                        help="a size, as a factor of the national one; may be repeated or "
                             "a comma-separated list (default: 1)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work")
    args = parser.parse_args()
    scales = [float(f) for value in args.scale for f in value.split(",") if f] or [1.0]

    work = args.work or tempfile.mkdtemp(prefix="carnet-bench-")
    os.makedirs(work, exist_ok=True)
    home = os.path.join(work, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ)
    env.update({
        "HOME": home,
        "XDG_DATA_HOME": os.path.join(home, "data"),
        "XDG_CONFIG_HOME": os.path.join(home, "config"),
        "XDG_CACHE_HOME": os.path.join(home, "cache"),
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(args.build, "data"),
        "CARNET_LOCALEDIR": os.path.join(args.build, "po"),
        "LANG": "fr_FR.UTF-8",
        "LC_ALL": "fr_FR.UTF-8",
        "LANGUAGE": "",
        "GDK_DEBUG": "no-portals",
        "NO_AT_BRIDGE": "1",
        "GTK_A11Y": "none",
    })
    env.pop("CARNET_DB", None)
    runner = Runner(args.build, work, env)

    started = time.monotonic()
    print(f"Carnet benchmarks — {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{os.cpu_count()} CPU, {platform.processor() or platform.machine()}, "
          f"GSK_RENDERER={os.environ.get('GSK_RENDERER', 'default')}, display {os.environ.get('DISPLAY')}",
          flush=True)
    results = {}
    for scale in scales:
        # Fewer start-ups at the biggest sizes, to keep the whole run within minutes.
        bench_scale(runner, scale, args.runs if scale <= 1 else max(3, args.runs // 2), args.seed,
                    results)

    if len(scales) > 1:
        curve = Table(("scale", "start / list drawn", "search / filter p95", "edit", "memory",
                       "generator"))
        for scale in scales:
            r = results[scale]
            i = r["interact"]
            curve.add(f"{scale:g} ({r['generator']['rows']:,} rows)".replace(",", " "),
                      f"{r['start']:.0f} / {r['start_list']:.0f} ms "
                      f"(minimal {r['start_base']:.0f})",
                      f"{p95(i.get('search', [])):.0f} / {p95(i.get('filter', [])):.0f} ms",
                      f"{r['edit']:.2f} ms",
                      f"{r['memory'] / 1024:.0f} / {r['memory_base'] / 1024:.0f} MB",
                      f"{r['generator']['rows_per_second']:,.0f} rows/s".replace(",", " "))
        curve.print("Scale curve: start to first frame and to the list drawn (medians, beside "
                    "the minimal window), search and filter "
                    "p95, edit (store, median), peak memory (app / minimal), generator")
    print(f"\nTotal {time.monotonic() - started:.0f} s; work files in {work}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
