#!/usr/bin/env python3
# check-export.py: reads Carnet's exports back as other tools would, for the tests.
#
#   check-export.py csv FILE french|rfc4180   prints {"bom", "crlf", "header", "rows"} as JSON
#   check-export.py validate SCHEMA FILE      validates a JSON export against the schema
#
# Copyright 2026 The Carnet authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import json
import sys


def line_ends_are_crlf(data):
    """Outside quoted fields, every line ends with CR LF, and there is no lone CR or LF."""
    quoted = False
    for i, byte in enumerate(data):
        if byte == ord('"'):
            quoted = not quoted
        elif not quoted and byte == ord('\n') and (i == 0 or data[i - 1] != ord('\r')):
            return False
        elif not quoted and byte == ord('\r') and (i + 1 == len(data) or data[i + 1] != ord('\n')):
            return False
    return data.endswith(b'\r\n') and not quoted


def read_csv(path, dialect):
    with open(path, 'rb') as f:
        data = f.read()
    bom = data.startswith(b'\xef\xbb\xbf')
    text = data.decode('utf-8-sig' if dialect == 'french' else 'utf-8')
    delimiter = ';' if dialect == 'french' else ','
    # strict: a malformed quote is an error, not guessed around.
    rows = list(csv.reader(io.StringIO(text, newline=''), delimiter=delimiter, strict=True))
    widths = {len(row) for row in rows}
    json.dump({'bom': bom, 'crlf': line_ends_are_crlf(data), 'widths': sorted(widths),
               'header': rows[0] if rows else [], 'rows': rows[1:]},
              sys.stdout, ensure_ascii=False)


def validate(schema_path, path):
    import jsonschema

    with open(schema_path, encoding='utf-8') as f:
        schema = json.load(f)
    with open(path, encoding='utf-8') as f:
        document = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors[:20]:
        print('%s: %s' % ('/'.join(str(p) for p in error.absolute_path), error.message))
    sys.exit(1 if errors else 0)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'csv':
        read_csv(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == 'validate':
        validate(sys.argv[2], sys.argv[3])
    else:
        sys.exit('usage: check-export.py csv FILE french|rfc4180 | validate SCHEMA FILE')


if __name__ == '__main__':
    main()
