#!/usr/bin/env python3
# test-po-fr.py check|typography PO-FILE: checks the French translation. Writes TAP.
#
#   check       msgfmt --check accepts the file, with the French plural forms, and every
#               message is translated: none untranslated, none fuzzy, none obsolete.
#   typography  every msgstr follows French typography: a no-break space (U+00A0, or the
#               narrow U+202F) before « : ; ! ? » and the closing guillemet, and after the
#               opening one; « guillemets », not “ ” or "quotes"; the ellipsis character;
#               the same mnemonics, markup and line ends as the English; French casing
#               (no English Title Case).
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import shutil
import subprocess
import sys

NBSP = '\u00a0'
NNBSP = '\u202f'
SPACES = NBSP + NNBSP

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


# A small PO reader, enough for msgfmt's own output format (no polib in the build root).

class Entry:
    def __init__(self):
        self.comments = []
        self.references = []
        self.flags = set()
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = []          # one string, or one per plural form
        self.obsolete = False
        self.line = 0

    @property
    def where(self):
        ref = self.references[0] if self.references else 'line %d' % self.line
        return ref


def unquote(s):
    s = s.strip()
    assert s.startswith('"') and s.endswith('"'), s
    body = s[1:-1]
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', '"': '"', '\\': '\\', 'r': '\r', 'a': '\a', 'b': '\b',
               'f': '\f', 'v': '\v'}
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            out.append(escapes.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def parse_po(path):
    entries = []
    cur = Entry()
    field = None
    index = 0

    def flush():
        nonlocal cur
        if cur.msgid is not None:
            entries.append(cur)
        cur = Entry()

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            obsolete = line.startswith('#~')
            if obsolete:
                line = line[2:].lstrip()
            if not line.strip():
                flush()
                field = None
                continue
            if line.startswith('#') and not obsolete:
                if cur.msgid is not None and field == 'msgstr':
                    flush()
                if line.startswith('#:'):
                    cur.references += line[2:].split()
                elif line.startswith('#,'):
                    cur.flags |= {f.strip() for f in line[2:].split(',')}
                else:
                    cur.comments.append(line)
                continue
            if cur.line == 0:
                cur.line = lineno
            cur.obsolete = cur.obsolete or obsolete
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if m:
                keyword, idx, value = m.group(1), m.group(2), unquote(m.group(3))
                if keyword in ('msgctxt', 'msgid') and field == 'msgstr':
                    flush()
                    cur.line = lineno
                    cur.obsolete = obsolete
                if keyword == 'msgctxt':
                    cur.msgctxt, field = value, 'msgctxt'
                elif keyword == 'msgid':
                    cur.msgid, field = value, 'msgid'
                elif keyword == 'msgid_plural':
                    cur.msgid_plural, field = value, 'msgid_plural'
                else:
                    index = int(idx) if idx is not None else 0
                    while len(cur.msgstr) <= index:
                        cur.msgstr.append('')
                    cur.msgstr[index] = value
                    field = 'msgstr'
            elif line.startswith('"'):
                value = unquote(line)
                if field == 'msgctxt':
                    cur.msgctxt += value
                elif field == 'msgid':
                    cur.msgid += value
                elif field == 'msgid_plural':
                    cur.msgid_plural += value
                elif field == 'msgstr':
                    cur.msgstr[index] += value
            else:
                raise ValueError('%s:%d: cannot read %r' % (path, lineno, line))
    flush()
    return entries


# msgfmt --check, and nothing left to translate

def check(path):
    if shutil.which('msgfmt') is None:
        print('1..0 # SKIP msgfmt is not installed')
        return 0
    run = subprocess.run(['msgfmt', '--check', '--statistics', '-o', '/dev/null', path],
                         capture_output=True, text=True, env={'LC_ALL': 'C', 'PATH':
                                                               '/usr/bin:/bin'})
    output = (run.stdout + run.stderr).strip()
    print('# ' + output.replace('\n', '\n# '))
    result(run.returncode == 0, 'msgfmt --check accepts %s' % path, [])
    m = re.search(r'(\d+) translated messages?', output)
    result(m is not None and int(m.group(1)) > 0, 'it has translated messages')
    result('untranslated' not in output, 'no message is untranslated')
    result('fuzzy' not in output, 'no message is fuzzy')

    entries = parse_po(path)
    header = next((e for e in entries if e.msgid == '' and e.msgctxt is None), None)
    plural = header is not None and 'Plural-Forms: nplurals=2; plural=(n > 1);' in header.msgstr[0]
    result(plural, 'the plural forms are the French ones: nplurals=2; plural=(n > 1);')
    language = header is not None and '\nLanguage: fr\n' in '\n' + header.msgstr[0]
    result(language, 'the header says Language: fr')

    untranslated = [e for e in entries if e.msgid and not e.obsolete and
                    (not e.msgstr or any(s == '' for s in e.msgstr))]
    result(not untranslated, 'every msgstr is filled, every plural form too',
           ['%s: %r' % (e.where, e.msgid) for e in untranslated])
    fuzzy = [e for e in entries if 'fuzzy' in e.flags and e.msgid]
    result(not fuzzy, 'no entry is marked fuzzy', ['%s: %r' % (e.where, e.msgid) for e in fuzzy])
    obsolete = [e for e in entries if e.obsolete]
    result(not obsolete, 'no obsolete entry is kept (msgattrib --no-obsolete)',
           ['%r' % e.msgid for e in obsolete])
    plurals = [e for e in entries if e.msgid_plural is not None and len(e.msgstr) != 2]
    result(not plurals, 'every plural message has two forms',
           ['%s: %r' % (e.where, e.msgid) for e in plurals])
    same_ctxt = [e for e in entries if e.msgctxt == 'month' and e.msgstr and
                 e.msgstr[0][:1].isupper()]
    result(not same_ctxt, 'month names are in lower case, as French writes them',
           ['%s → %s' % (e.msgid, e.msgstr[0]) for e in same_ctxt])
    print('1..%d' % n)
    return 1 if failed else 0


# Typography

# Messages whose msgstr is allowed to keep an ASCII ":" (or another sign) right after a
# directive, as technical output: the text is glued by the program, not read as a sentence.
TECHNICAL = re.compile(r'^(%[a-z0-9.$]+[:;] ?)+%[a-z0-9.$]+(\n)?$')

# English Title Case in French: two capitalised words in a row, the second not a proper
# noun, acronym or programme name that French capitalises too.
PROPER = {
    'Carnet', 'INSEE', 'EPCI', 'SIREN', 'ORT', 'PVD', 'COPIL', 'COTECH', 'ANCT', 'Anah',
    'Cerema', 'Ademe', 'DETR', 'DSIL', 'FEDER', 'LEADER', 'Europe', 'État', 'Région',
    'Département', 'Banque', 'Fonds', 'Petites', 'Villes', 'Demain', 'Ctrl', 'Alt', 'Maj',
    'Entrée', 'Échap', 'Suppr', 'PDF', 'CSV', 'JSON', 'UTF-8', 'RFC', 'HT', 'TTC', 'Etalab',
    'Licence', 'Ouverte', 'Open', 'Licence', 'GNOME', 'Flatpak', 'SQLite', 'Excel',
    'LibreOffice', 'TVA', 'Tab', 'F1', 'F10', 'Retour', 'ID', 'UUID', 'XDG', 'BOM', 'Orientation',
    'Opération', 'Étude', 'Idée',
}


def visible(s):
    """The text without printf directives, markup and accelerators."""
    s = re.sub(r'%(\d+\$)?[-+ #0]*\d*(\.\d+)?(hh|h|ll|l|L|z|j|t)?[a-zA-Z%]', 'X', s)
    s = re.sub(r'<[^>]+>', '', s)
    return s


def mnemonic(s):
    """Whether S is a label with a mnemonic: one underscore, before a letter, and not inside
    an identifier such as CARNET_DB."""
    if s.count('_') != 1:
        return False
    m = re.search(r'(.?)_(.)', s, re.S)
    before, after = m.group(1), m.group(2)
    if not after.isalpha():
        return False
    return not (before.isupper() and after.isupper())


def typography(path):
    entries = [e for e in parse_po(path) if e.msgid and not e.obsolete]
    problems = {k: [] for k in ('space', 'quotes', 'guillemets', 'ellipsis', 'mnemonic',
                                'newline', 'markup', 'casing', 'apostrophe', 'double')}

    for e in entries:
        ids = [e.msgid] + ([e.msgid_plural] if e.msgid_plural else [])
        for s in e.msgstr:
            if not s:
                continue
            where = '%s: %r' % (e.where, s)
            technical = TECHNICAL.match(e.msgid) is not None
            text = visible(s)

            # An ASCII space (or none) before a high punctuation sign. A colon right after
            # a directive in a technical "%s: %s" keeps the English form. A ":" inside a
            # word, a time, a URL or an option ("--format=pdf:") is not a sign of prose.
            # A list of search terms (the .desktop Keywords) is separated by bare ";".
            keywords = e.msgid.endswith(';') and '; ' not in e.msgid
            if not technical:
                for m in re.finditer(r'(.)([:;!?»])', s):
                    before, sign = m.group(1), m.group(2)
                    if before in SPACES:
                        continue
                    if sign == ';' and keywords:
                        continue
                    if sign == ':' and (before.isdigit() or s[m.end():m.end() + 1].isdigit()
                                        or s[m.end():m.end() + 2] == '//'):
                        continue
                    if sign in '!?' and before == sign:
                        continue
                    problems['space'].append('%s (before “%s”)' % (where, sign))
                    break
                for m in re.finditer(r'«(.)', s):
                    if m.group(1) not in SPACES:
                        problems['space'].append('%s (after «)' % where)
                        break
                # (a sign quoted on its own, « ; » or « , », is not punctuation)
                if re.search('(?<!«)[' + SPACES + '][.,]', s):
                    problems['space'].append('%s (no-break space before . or ,)' % where)
            if ' :' in s or ' ;' in s or ' !' in s or ' ?' in s or ' »' in s or '« ' in s:
                problems['space'].append('%s (an ordinary space where a no-break one goes)'
                                         % where)

            if '“' in s or '”' in s or re.search(r'(^|\s)"|"($|[\s.,:;])', s):
                problems['quotes'].append(where)
            if s.count('«') != s.count('»'):
                problems['guillemets'].append(where)
            if '...' in s:
                problems['ellipsis'].append(where)
            # One apostrophe style: the typographic one, as the English sources use.
            if "'" in s and not any("'" in i for i in ids):
                problems['apostrophe'].append(where)
            # Indentation at the start of a line, as in the command line's help, is kept.
            if any('  ' in line.lstrip(' ') for line in s.split('\n')):
                problems['double'].append(where)

            # Mnemonics: a label with one "_" before a letter keeps exactly one, before a
            # letter; a label without one gets none. (Identifiers such as CARNET_DB are not
            # mnemonics.)
            src = ids[0]
            if mnemonic(src):
                if s.count('_') != 1 or not re.search(r'_\w', s):
                    problems['mnemonic'].append(where)
            elif mnemonic(s):
                problems['mnemonic'].append(where + ' (a mnemonic the English has not)')

            if src.endswith('\n') != s.endswith('\n') or src.startswith('\n') != \
                    s.startswith('\n'):
                problems['newline'].append(where)
            if sorted(re.findall(r'</?\w+', src)) != sorted(re.findall(r'</?\w+', s)):
                problems['markup'].append(where)

            # English Title Case kept in French: "Ajouter Une Commune".
            words = re.findall(r"[\w’'-]+", text.replace('_', ''))
            for i, w in enumerate(words[1:], 1):
                prev = words[i - 1]
                if (w[:1].isupper() and not w.isupper() and w not in PROPER and len(w) > 2
                        and prev[:1].isupper() and prev not in PROPER and not prev.isupper()
                        and len(prev) > 2):
                    # Two capitalised common words in a row, mid-sentence or in a title.
                    start = re.search(re.escape(prev) + r'\W+' + re.escape(w), text)
                    if start and not re.search(r'[.:!?]\s*$', text[:start.start()]):
                        problems['casing'].append('%s (“%s %s”)' % (where, prev, w))
                        break

    checks = [
        ('space', 'a no-break space before : ; ! ? » and after «'),
        ('quotes', '« guillemets », not “ ” or " "'),
        ('guillemets', 'every « has its »'),
        ('ellipsis', 'the ellipsis character …, not three dots'),
        ('apostrophe', 'the typographic apostrophe ’, like the English sources'),
        ('double', 'no double spaces'),
        ('mnemonic', 'mnemonics are kept: one underscore, on a letter'),
        ('newline', 'leading and trailing line ends are kept'),
        ('markup', 'the same markup as the English'),
        ('casing', 'French sentence case, no English Title Case'),
    ]
    print('# %d messages' % len(entries))
    for key, name in checks:
        result(not problems[key], name, problems[key])
    print('1..%d' % n)
    return 1 if failed else 0


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('check', 'typography'):
        print('usage: test-po-fr.py check|typography PO-FILE', file=sys.stderr)
        return 2
    return check(sys.argv[2]) if sys.argv[1] == 'check' else typography(sys.argv[2])


if __name__ == '__main__':
    sys.exit(main())
