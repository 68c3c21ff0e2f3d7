#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs the build into a temporary DESTDIR and checks that what a
# distribution package would ship works: the program starts and reports its
# version, the desktop file, metainfo, icons and schema land where GNOME looks
# for them, the schema compiles and is readable, and every language in
# po/LINGUAS has its translation catalogue.
#
# usage: test-install.py MESON BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR VERSION

import os
import shutil
import subprocess
import sys
import tempfile

APP_ID = 'io.github.storybank.Storybank'


def fail(message):
    print(f'FAIL: {message}', file=sys.stderr)
    sys.exit(1)


def under(destdir, path):
    # path is absolute (prefix already joined); re-root it in destdir
    return os.path.join(destdir, os.path.relpath(path, os.sep))


def main():
    (meson, build_root, source_root, prefix, bindir, datadir, localedir,
     version) = sys.argv[1:9]
    bindir = os.path.join(prefix, bindir)
    datadir = os.path.join(prefix, datadir)
    localedir = os.path.join(prefix, localedir)

    with tempfile.TemporaryDirectory(prefix='storybank-install-') as destdir:
        env = dict(os.environ)
        env.pop('DESTDIR', None)
        proc = subprocess.run([meson, 'install', '-C', build_root, '--no-rebuild',
                               '--quiet', '--destdir', destdir],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        if proc.returncode != 0:
            fail(f'meson install failed ({proc.returncode}):\n{proc.stdout}')

        share = under(destdir, datadir)
        program = os.path.join(under(destdir, bindir), 'storybank')
        expected = [
            program,
            os.path.join(share, 'applications', f'{APP_ID}.desktop'),
            os.path.join(share, 'metainfo', f'{APP_ID}.metainfo.xml'),
            os.path.join(share, 'icons', 'hicolor', 'scalable', 'apps', f'{APP_ID}.svg'),
            os.path.join(share, 'icons', 'hicolor', 'symbolic', 'apps', f'{APP_ID}-symbolic.svg'),
            os.path.join(share, 'glib-2.0', 'schemas', f'{APP_ID}.gschema.xml'),
        ]
        for path in expected:
            if not os.path.isfile(path):
                fail(f'not installed: {os.path.relpath(path, destdir)}')
        print('ok - installed files are in place')

        # gnome.post_install skips glib-compile-schemas under DESTDIR, as a
        # package build would; do what the package's trigger does.
        schema_dir = os.path.join(share, 'glib-2.0', 'schemas')
        proc = subprocess.run(['glib-compile-schemas', '--strict', schema_dir],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0 or not os.path.isfile(os.path.join(schema_dir, 'gschemas.compiled')):
            fail(f'the installed schema does not compile:\n{proc.stdout}')
        print('ok - the installed schema compiles')

        run_env = dict(os.environ)
        run_env['XDG_DATA_DIRS'] = share
        run_env['GSETTINGS_SCHEMA_DIR'] = schema_dir
        run_env['GSETTINGS_BACKEND'] = 'memory'
        home = os.path.join(destdir, 'home')
        for var, sub in (('HOME', ''), ('XDG_DATA_HOME', 'data'),
                         ('XDG_CONFIG_HOME', 'config'), ('XDG_CACHE_HOME', 'cache')):
            run_env[var] = os.path.join(home, sub)
        proc = subprocess.run([program, '--version'], env=run_env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        if proc.returncode != 0:
            fail(f'storybank --version exited with {proc.returncode}:\n{proc.stderr}')
        if proc.stdout.strip() != f'storybank {version}':
            fail(f'storybank --version printed {proc.stdout.strip()!r}, '
                 f'expected {"storybank " + version!r}')
        print(f'ok - the installed program reports {proc.stdout.strip()}')

        gsettings = shutil.which('gsettings')
        if gsettings:
            proc = subprocess.run([gsettings, 'get', APP_ID, 'target-seconds'], env=run_env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if proc.returncode != 0 or proc.stdout.strip() != '120':
                fail(f'the installed schema is not readable:\n{proc.stdout}')
            print('ok - the installed schema is readable')
        else:
            print('ok - # SKIP gsettings not found: schema not read back')

        with open(os.path.join(source_root, 'po', 'LINGUAS'), encoding='utf-8') as f:
            languages = [w for line in f for w in line.split('#', 1)[0].split()]
        for lang in languages:
            mo = os.path.join(under(destdir, localedir), lang, 'LC_MESSAGES', 'storybank.mo')
            if not os.path.isfile(mo):
                fail(f'the {lang} translation is not installed: {os.path.relpath(mo, destdir)}')
        if languages:
            print(f'ok - translations installed: {" ".join(languages)}')
        else:
            print('ok - # SKIP po/LINGUAS is empty: no translation to check')
    return 0


if __name__ == '__main__':
    sys.exit(main())
