#!/usr/bin/env python3
# crash-test.py CRASH-WRITER CARNET-CLI FIXTURE: kills Carnet while it writes, hundreds of
# times, at random moments, and checks after each kill that the database is whole and that
# every change it acknowledged is there. Writes TAP.
#
#   CARNET_CRASH_TRIALS=N   the number of kills (default 150, well under a minute); the power
#                           cuts are a fifth of it
#   CARNET_CRASH_SEED=S     the seed (default fixed: a failure can be replayed)
#
# Kills: of the core writing (inserts, updates, deletes), of carnet-cli writing, of an upgrade
# of the v1 fixture (with its backup first), of backups made while writing. Power cuts: the
# writer keeps what reached the disk (see crash-writer.c) and the copy must hold every
# acknowledged change; with synchronous=NORMAL the same test must notice lost ones.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

WRITER, CLI, FIXTURE = sys.argv[1:4]
TRIALS = int(os.environ.get("CARNET_CRASH_TRIALS", "150"))
SEED = int(os.environ.get("CARNET_CRASH_SEED", "20260312"))
BACKUP_RE = re.compile(r"^carnet-\d{8}T\d{6}(\.\d+)?Z-v(\d+)-(auto|manual|before-upgrade)\.db$")

rng = random.Random(SEED)
n = 0
failures = 0


def tap(ok, description, diagnostics=()):
    global n, failures
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {description}")
    for diagnostic in diagnostics:
        for line in str(diagnostic).split("\n"):
            print(f"# {line}")
    if not ok:
        failures += 1
    sys.stdout.flush()


class Model:
    """What the database must hold: every acknowledged change; the one in flight when the
    writer died may or may not have been committed."""

    def __init__(self):
        self.titles = {}      # title -> uuid
        self.objectives = {}  # uuid -> last acknowledged value
        self.deleted = set()

    def check(self, db, lines):
        problems = []
        pending = None
        for line in lines:
            parts = line.split()
            if not parts or parts[0] == "R":
                continue
            if parts[0] == "W":
                pending = parts[1:]
            elif parts[0] == "A":
                pending = None
                if parts[1] == "I":
                    self.titles[parts[2]] = parts[3]
                elif parts[1] == "U":
                    self.objectives[parts[2]] = parts[3]
                elif parts[1] == "D":
                    self.deleted.add(parts[2])
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            # Cut while the new database was being created (a slow start, under a sanitizer):
            # nothing may have been acknowledged yet.
            if con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'projects'").fetchone()[0] == 0:
                if self.titles or self.objectives or self.deleted:
                    return ["acknowledged changes, but the database has no tables"]
                return []
            rows = {title: (uuid, objectives, deleted)
                    for title, uuid, objectives, deleted in
                    con.execute("SELECT title, uuid, objectives, deleted_at IS NOT NULL "
                                "FROM projects")}
        finally:
            con.close()
        in_flight_title = pending[1] if pending and pending[0] == "I" else None
        in_flight_uuid = pending[1] if pending and pending[0] in ("U", "D") else None
        known = set(self.titles)
        for title, uuid in self.titles.items():
            if title not in rows or rows[title][0] != uuid:
                problems.append(f"acknowledged insert {title} {uuid} is missing")
        by_uuid = {uuid: (title, objectives, deleted)
                   for title, (uuid, objectives, deleted) in rows.items()}
        for uuid, value in self.objectives.items():
            if uuid in by_uuid and by_uuid[uuid][1] != value and uuid != in_flight_uuid:
                problems.append(f"acknowledged update {uuid}={value} is missing "
                                f"(found {by_uuid[uuid][1]!r})")
        for uuid in self.deleted:
            if uuid in by_uuid and not by_uuid[uuid][2]:
                problems.append(f"acknowledged delete {uuid} is missing")
        for title, (uuid, _, _) in rows.items():
            if title.startswith("P") and title not in known and title != in_flight_title:
                problems.append(f"{title} was never written")
        # What the change in flight did is now known: it is the state to keep.
        if in_flight_title in rows:
            self.titles[in_flight_title] = rows[in_flight_title][0]
        if in_flight_uuid in by_uuid:
            self.objectives[in_flight_uuid] = by_uuid[in_flight_uuid][1]
            if by_uuid[in_flight_uuid][2]:
                self.deleted.add(in_flight_uuid)
        return problems


def integrity(db):
    # Read-write, as Carnet opens it: a hot journal or a WAL is recovered first.
    con = sqlite3.connect(db)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def user_version(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def carnet_opens(db):
    """Carnet itself opens it (quick_check included) and reads the projects."""
    result = subprocess.run([CLI, "--db", db, "project", "list"],
                            capture_output=True, text=True)
    return result.returncode == 0, result.stderr.strip()


def run_and_kill(argv, delay):
    """Starts argv, kills it with SIGKILL after delay seconds (if still running); returns
    the lines it wrote and whether it was killed."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        process.wait(timeout=delay)
        killed = False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed = True
    out = process.stdout.read().decode("utf-8", "replace")
    err = process.stderr.read().decode("utf-8", "replace")
    process.stdout.close()
    process.stderr.close()
    # A line cut by the kill is not an acknowledgement.
    lines = out.split("\n")[:-1] if not out.endswith("\n") else out.split("\n")
    return [line for line in lines if line], killed, process.returncode, err


checked_backups = set()


def check_backups(folder, expected_version=None):
    """Every backup listed is whole (a backup, once renamed into place, never changes)."""
    problems = []
    if not os.path.isdir(folder):
        return problems
    for name in os.listdir(folder):
        match = BACKUP_RE.match(name)
        if not match or os.path.join(folder, name) in checked_backups:
            continue
        checked_backups.add(os.path.join(folder, name))
        path = os.path.join(folder, name)
        result = integrity(path)
        if result != "ok":
            problems.append(f"backup {name}: {result}")
        version = user_version(path)
        if version != int(match.group(2)) or (expected_version and version != expected_version):
            problems.append(f"backup {name} has version {version}")
    return problems


def store_kills(work, count, mode):
    """Kills the core writer count times on one database that lives on."""
    os.makedirs(os.path.join(work, mode))
    db = os.path.join(work, mode, "carnet.db")
    model = Model()
    problems = []
    acknowledged = 0
    killed_count = 0
    for trial in range(count):
        seed = rng.randrange(1 << 31)
        # Early kills land in opening (and creating, on the first trials), late ones after
        # many changes and checkpoints.
        delay = rng.choice([rng.uniform(0, 0.03), rng.uniform(0, 0.15)])
        lines, killed, status, err = run_and_kill([WRITER, mode, db, str(seed)], delay)
        killed_count += killed
        acknowledged += sum(1 for line in lines if line.startswith("A "))
        if not killed:
            problems.append(f"trial {trial}: the writer stopped by itself ({status}): {err}")
            break
        if not os.path.exists(db):
            continue
        result = integrity(db)
        if result != "ok":
            problems.append(f"trial {trial} (seed {seed}, {delay:.3f} s): integrity: {result}")
            break
        if user_version(db) == 0:
            # Killed while creating it: it is empty, and nothing was acknowledged.
            if any(line.startswith("A ") for line in lines):
                problems.append(f"trial {trial}: acknowledged changes in an empty database")
                break
            continue
        # The next trial's writer opens it as Carnet does (and fails the test if it cannot);
        # carnet-cli opens it at the end.
        found = model.check(db, lines)
        if mode == "backup":
            found += check_backups(os.path.join(work, mode, "backups"), 1)
            for line in lines:
                if line.startswith("A B ") and not os.path.exists(line[4:]):
                    found.append(f"acknowledged backup {line[4:]} is missing")
        if found:
            problems += [f"trial {trial} (seed {seed}, {delay:.3f} s): {p}" for p in found]
            break
    if not problems:
        opened, message = carnet_opens(db)
        if not opened:
            problems.append(f"Carnet cannot open it at the end: {message}")
    return killed_count, acknowledged, problems


def cli_kills(work, count):
    """Kills carnet-cli while it adds and changes projects, and makes backups."""
    os.makedirs(os.path.join(work, "cli"))
    db = os.path.join(work, "cli", "carnet.db")
    subprocess.run([CLI, "--db", db, "commune", "add", "14047"], check=True,
                   capture_output=True)
    acknowledged = {}   # title -> uuid
    updated = {}        # uuid -> objectives
    problems = []
    killed_count = 0
    # How long a command takes here, to kill within it.
    start = time.monotonic()
    subprocess.run([CLI, "--db", db, "project", "add", "--commune", "14047", "--title", "x"],
                   check=True, capture_output=True)
    duration = time.monotonic() - start
    for trial in range(count):
        delay = rng.uniform(duration * 0.3, duration * 1.3)
        dice = rng.random()
        if dice < 0.2:
            lines, killed, status, _ = run_and_kill([CLI, "--db", db, "backup", "create"],
                                                    delay * 2)
            pending_uuid = None
        elif acknowledged and dice < 0.6:
            uuid = rng.choice(list(acknowledged.values()))
            value = f"cli-v{trial}"
            argv = [CLI, "--db", db, "project", "update", uuid, "--set", f"objectives={value}"]
            lines, killed, status, _ = run_and_kill(argv, delay)
            pending_uuid = uuid if killed or status != 0 else None
            if not killed and status == 0:
                updated[uuid] = value
        else:
            title = f"cli-{trial}"
            argv = [CLI, "--db", db, "project", "add", "--commune", "14047", "--title", title]
            lines, killed, status, _ = run_and_kill(argv, delay)
            pending_uuid = None
            # Printed means committed, even if killed right after.
            if lines and re.match(r"^[0-9a-f-]{36}\t", lines[0]):
                acknowledged[title] = lines[0].split("\t")[0]
        killed_count += killed
        result = integrity(db)
        if result != "ok":
            problems.append(f"trial {trial}: integrity: {result}")
            break
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = dict(con.execute("SELECT title, uuid FROM projects"))
        values = dict(con.execute("SELECT uuid, objectives FROM projects"))
        con.close()
        for title, uuid in acknowledged.items():
            if rows.get(title) != uuid:
                problems.append(f"trial {trial}: acknowledged project {title} is missing")
        for uuid, value in updated.items():
            if values.get(uuid) != value and uuid != pending_uuid:
                problems.append(f"trial {trial}: acknowledged update of {uuid} is missing")
        problems += [f"trial {trial}: {p}"
                     for p in check_backups(os.path.join(work, "cli", "backups"), 1)]
        if pending_uuid is not None:
            updated[pending_uuid] = values.get(pending_uuid)
        # Every fourth time, and the next command's opening each time.
        if trial % 4 == 3:
            opened, message = carnet_opens(db)
            if not opened:
                problems.append(f"trial {trial}: Carnet cannot open it: {message}")
        if problems:
            break
    return killed_count, len(acknowledged), problems


def migration_kills(work, count):
    """Kills an upgrade of the v1 fixture (the backup first, then the migration)."""
    problems = []
    killed_count = 0
    outcomes = {1: 0, 2: 0}
    con = sqlite3.connect(f"file:{FIXTURE}?mode=ro", uri=True)
    fixture_projects = con.execute("SELECT count(*) FROM projects").fetchone()[0]
    con.close()
    # How long an upgrade takes here, to kill within it.
    folder = tempfile.mkdtemp(dir=work)
    db = os.path.join(folder, "carnet.db")
    shutil.copy(FIXTURE, db)
    start = time.monotonic()
    run_and_kill([WRITER, "migrate", db, "0"], 30)
    duration = time.monotonic() - start
    for trial in range(count):
        folder = tempfile.mkdtemp(dir=work)
        db = os.path.join(folder, "carnet.db")
        shutil.copy(FIXTURE, db)
        delay = rng.uniform(0, duration * 1.1)
        lines, killed, status, err = run_and_kill([WRITER, "migrate", db, str(trial)], delay)
        killed_count += killed
        found = []
        result = integrity(db)
        version = user_version(db)
        if result != "ok":
            found.append(f"integrity: {result}")
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_schema")}
        projects = con.execute("SELECT count(*) FROM projects").fetchone()[0]
        steps = (con.execute("SELECT count(*) FROM crash_step").fetchone()[0]
                 if "crash_step" in tables else None)
        con.close()
        if version not in (1, 2):
            found.append(f"version {version}")
        elif version == 1 and steps is not None:
            found.append("version 1 with the table of version 2")
        elif version == 2 and steps != 20000:
            found.append(f"version 2 with {steps} rows of its new table")
        if "A M" in lines and version != 2:
            found.append("the acknowledged upgrade is missing")
        if projects != fixture_projects:
            found.append(f"{projects} projects instead of {fixture_projects}")
        if version == 1:
            opened, message = carnet_opens(db)
            if not opened:
                found.append(f"Carnet cannot open it: {message}")
        found += check_backups(os.path.join(folder, "backups"), 1)
        outcomes[version] = outcomes.get(version, 0) + 1
        if found:
            problems += [f"trial {trial} ({delay:.3f} s): {p}" for p in found]
            break
        shutil.rmtree(folder)
    return killed_count, outcomes, duration, problems


def power_cuts(work, count, sync="full", drop=False):
    """Cuts the power under the core writer; the files as the disk kept them must open whole
    with every acknowledged change."""
    problems = []
    lost = 0
    acknowledged = 0
    for trial in range(count):
        folder = tempfile.mkdtemp(dir=work)
        db = os.path.join(folder, "carnet.db")
        cut = os.path.join(folder, "cut")
        os.mkdir(cut)
        seed = rng.randrange(1 << 31)
        after = rng.randrange(20, 200)
        argv = [WRITER, "store", db, str(seed), "--cut-after", str(after), "--cut-dir", cut,
                "--sync", sync]
        if drop:
            argv.append("--cut-drop")
        lines, killed, status, err = run_and_kill(argv, 30)
        if killed or status != 0:
            problems.append(f"trial {trial}: the writer failed ({status}): {err}")
            break
        acknowledged += sum(1 for line in lines if line.startswith("A "))
        copy = os.path.join(cut, "carnet.db")
        if not os.path.exists(copy) or os.path.getsize(copy) == 0:
            # Cut before the database reached the disk: nothing was acknowledged.
            if any(line.startswith("A ") for line in lines):
                problems.append(f"trial {trial}: acknowledged changes but no database")
            continue
        found = []
        result = integrity(copy)
        if result != "ok":
            found.append(f"integrity: {result}")
        else:
            missing = Model().check(copy, lines)
            lost += len(missing)
            found += missing
            if trial % 3 == 0:
                opened, message = carnet_opens(copy)
                if not opened:
                    found.append(f"Carnet cannot open it: {message}")
        if found:
            problems += [f"trial {trial} (seed {seed}, cut at {after} ms): {p}" for p in found]
            if sync == "full":
                break
        shutil.rmtree(folder)
    return acknowledged, lost, problems


def timed(function, *args, **kwargs):
    start = time.monotonic()
    result = function(*args, **kwargs)
    return (time.monotonic() - start,) + result


def main():
    work = tempfile.mkdtemp(prefix="carnet-crash-")
    started = time.monotonic()
    print(f"# seed {SEED}, {TRIALS} kills")
    try:
        share = {"store": 0.45, "cli": 0.2, "migrate": 0.15, "backup": 0.2}
        counts = {k: max(1, round(TRIALS * v)) for k, v in share.items()}

        took, killed, acked, problems = timed(store_kills, work, counts["store"], "store")
        tap(not problems and killed > 0,
            f"{killed} kills of the core while it writes: whole, {acked} acknowledged "
            f"changes all kept ({took:.1f} s)", problems[:10])

        took, killed, acked, problems = timed(cli_kills, work, counts["cli"])
        tap(not problems,
            f"{killed} kills of carnet-cli while it writes or backs up ({counts['cli']} runs): "
            f"whole, {acked} acknowledged projects kept, backups whole ({took:.1f} s)",
            problems[:10])

        took, killed, outcomes, duration, problems = timed(migration_kills, work,
                                                           counts["migrate"])
        tap(not problems,
            f"{killed} kills during an upgrade ({duration:.2f} s with its backup): whole, "
            f"{outcomes.get(1, 0)} left at version 1 and {outcomes.get(2, 0)} upgraded, "
            f"backups whole ({took:.1f} s)", problems[:10])

        took, killed, acked, problems = timed(store_kills, work, counts["backup"], "backup")
        tap(not problems and killed > 0,
            f"{killed} kills while backups are made: database and every listed backup "
            f"whole, {acked} acknowledged changes and backups kept ({took:.1f} s)",
            problems[:10])

        cuts = max(2, TRIALS // 5)
        took, acked, lost, problems = timed(power_cuts, work, cuts)
        tap(not problems,
            f"{cuts} power cuts with synchronous=FULL: whole, {acked} acknowledged changes "
            f"all kept ({took:.1f} s)", problems[:10])

        # The same test must see what a weaker setting loses, or it proves nothing. A cut
        # may fall where NORMAL happens to have synced everything (more often on a slow,
        # sanitised build): a few more rounds are allowed before concluding.
        took = acked = lost = 0
        problems = []
        for _ in range(8):
            round_took, round_acked, round_lost, round_problems = timed(
                power_cuts, work, 2, sync="normal", drop=True)
            took += round_took
            acked += round_acked
            lost += round_lost
            problems += round_problems
            if lost > 0:
                break
        tap(lost > 0,
            f"with synchronous=NORMAL the test notices lost commits ({lost} of {acked})",
            [p for p in problems if "integrity" in p][:5])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"# {time.monotonic() - started:.1f} s")
    print(f"1..{n}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
