#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a file with translatable strings is missing from po/POTFILES.in,
# or when POTFILES.in lists a file that does not exist: either way a string
# the user sees would silently never be translated (or xgettext would fail).
#
# usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

C_MARKERS = re.compile(r'\b(?:_|N_|C_|NC_|g_dpgettext2)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"')
SCHEMA_MARKER = re.compile(r'gettext-domain\s*=')


def translatable_files(root):
    found = set()
    for top in ('src', 'ui'):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in filenames:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                if name.endswith('.c'):
                    marker = C_MARKERS
                elif name.endswith('.ui'):
                    marker = UI_MARKER
                else:
                    continue
                with open(path, encoding='utf-8') as f:
                    if marker.search(f.read()):
                        found.add(rel)
    data = os.path.join(root, 'data')
    for name in os.listdir(data):
        path = os.path.join(data, name)
        if name.endswith(('.desktop.in', '.metainfo.xml.in')):
            found.add(os.path.join('data', name))
        elif name.endswith('.gschema.xml'):
            with open(path, encoding='utf-8') as f:
                if SCHEMA_MARKER.search(f.read()):
                    found.add(os.path.join('data', name))
    return found


def listed_files(root):
    listed = []
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                listed.append(line)
    return listed


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    listed = listed_files(root)
    problems = []

    for path in sorted(translatable_files(root) - set(listed)):
        problems.append(f'{path}: has translatable strings but is not in po/POTFILES.in')
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append(f'po/POTFILES.in: lists {path}, which does not exist')
    seen = set()
    for path in listed:
        if path in seen:
            problems.append(f'po/POTFILES.in: lists {path} twice')
        seen.add(path)

    for p in problems:
        print(p, file=sys.stderr)
    if not problems:
        print(f'po/POTFILES.in lists all {len(listed)} translatable files')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
