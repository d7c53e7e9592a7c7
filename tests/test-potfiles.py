#!/usr/bin/env python3
# test-potfiles.py SOURCE-ROOT: checks po/POTFILES.in against the sources. Writes TAP.
#
# Every file under src/, resources/ui/ and data/ from which xgettext extracts a message (with
# the keywords of meson's "glib" preset, the ones that make po/carnet.pot) must be listed;
# every listed file must exist and have a message; the list is sorted, without duplicates.
# xgettext rather than a grep decides, so that a "_(" in a comment counts for nothing.
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile

# The arguments meson's i18n module gives xgettext for preset: 'glib'.
GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]

# Which files can hold messages: C sources, GtkBuilder templates, and the data files that
# xgettext reads through its ITS rules (a ".in" suffix is dropped to guess the language).
CANDIDATE = re.compile(r'\.(c|h|ui)$|\.desktop\.in$|\.metainfo\.xml\.in$|\.appdata\.xml\.in$'
                       r'|\.gschema\.xml$')
FOLDERS = ['src', 'resources/ui', 'data']

n = 0
failed = 0


def result(ok, name, diagnostics=()):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {name}")
    for line in diagnostics:
        print(f'# {line}')


def candidates(root):
    found = []
    for folder in FOLDERS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, folder)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith(('.', '_build')))
            for name in filenames:
                if CANDIDATE.search(name):
                    found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return sorted(found)


def files_with_messages(root, files):
    """The files among FILES from which xgettext extracts at least one message."""
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'all.pot')
        run = subprocess.run(['xgettext', *GLIB_PRESET, '--no-wrap', '--force-po',
                              '--directory', root, '--output', pot, *files],
                             capture_output=True, text=True)
        if run.returncode != 0:
            return None, run.stderr
        with open(pot, encoding='utf-8') as f:
            refs = set()
            for line in f:
                if line.startswith('#: '):
                    for ref in line[3:].split():
                        refs.add(ref.rsplit(':', 1)[0])
        return refs, run.stderr


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), '..'))
    if shutil.which('xgettext') is None:
        print('1..0 # SKIP xgettext is not installed')
        return 0

    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f
                  if line.strip() and not line.lstrip().startswith('#')]

    print('# POTFILES.in lists %d files' % len(listed))

    result(listed == sorted(listed), 'POTFILES.in is sorted',
           ['%s comes before %s' % (a, b) for a, b in zip(listed, listed[1:]) if a > b])
    dups = sorted({p for p in listed if listed.count(p) > 1})
    result(not dups, 'POTFILES.in has no duplicates', dups)

    missing = [p for p in listed if not os.path.isfile(os.path.join(root, p))]
    result(not missing, 'every file POTFILES.in lists exists',
           ['%s does not exist' % p for p in missing])

    present = candidates(root)
    with_messages, stderr = files_with_messages(root, present)
    if with_messages is None:
        result(False, 'xgettext reads the sources', stderr.splitlines())
        print('1..%d' % n)
        return 1

    unlisted = [p for p in present if p in with_messages and p not in listed]
    result(not unlisted, 'every file with translatable strings is in POTFILES.in',
           ['%s has translatable strings: add it to po/POTFILES.in' % p for p in unlisted])

    empty = [p for p in listed if p not in missing and p not in with_messages]
    result(not empty, 'every file POTFILES.in lists has translatable strings',
           ['%s has no translatable string: remove it from po/POTFILES.in' % p
            for p in empty])

    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
