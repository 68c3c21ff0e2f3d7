#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One Storybank owns the data file. With a window open, a second
# `storybank` raises it, and `storybank --import=PATH` / `--export=PATH`
# are handed to it: the stories land in the live library and survive its
# saves, and an export sees the live library.
#
# usage: test-single-instance.py STORYBANK SEED_DIR

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

APP_ID = 'io.github.storybank.Storybank'
SKIP = 77


def log(*args):
    print(*args, flush=True)


def name_has_owner(env):
    out = subprocess.run(['gdbus', 'call', '--session',
                          '--dest', 'org.freedesktop.DBus',
                          '--object-path', '/org/freedesktop/DBus',
                          '--method', 'org.freedesktop.DBus.NameHasOwner', APP_ID],
                         env=env, capture_output=True, text=True)
    return out.returncode == 0 and 'true' in out.stdout


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def run(args, env, cwd=None, display=True):
    env = dict(env)
    if not display:
        # The sending process needs no display: the window's process does the work.
        env.pop('DISPLAY', None)
        env.pop('WAYLAND_DISPLAY', None)
    out = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    log('$', ' '.join(args), '->', out.returncode)
    log(out.stdout.rstrip())
    if out.stderr.strip():
        log('stderr:', out.stderr.rstrip())
    return out


def stories_in(data_file):
    with open(data_file, encoding='utf-8') as f:
        return [s['title'] for s in json.load(f)['stories']]


def inner(storybank, seed_dir):
    failures = []

    def check(what, ok):
        log(('ok: ' if ok else 'FAILED: ') + what)
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory(prefix='storybank-single-') as tmp:
        env = dict(os.environ)
        env['XDG_DATA_HOME'] = os.path.join(tmp, 'data')
        env['LC_ALL'] = 'C.UTF-8'
        data_file = os.path.join(tmp, 'data', 'storybank', 'stories.json')

        first = subprocess.Popen([storybank], env=env)
        try:
            if not wait_for(lambda: name_has_owner(env), 30):
                log('FAILED: the first Storybank never took its name on the bus')
                return 1

            # A second start raises the window and leaves.
            out = run([storybank], env)
            check('a second start exits at once', out.returncode == 0)
            check('the first one still runs', first.poll() is None)

            # The import, with a path relative to the sender's folder.
            out = run([storybank, '--import=think-big.md'], env, cwd=seed_dir, display=False)
            check('--import is handed to the window', out.returncode == 0)
            check('the sender prints the summary',
                  'New story “Scalable Architecture Vision” (Think Big)' in out.stdout)
            check('the sender hears where the stories went', 'open Storybank window' in out.stdout)
            check('the data file holds them at once',
                  os.path.exists(data_file) and len(stories_in(data_file)) == 3)

            out = run([storybank, '--import=think-big.md'], env, cwd=seed_dir, display=False)
            check('importing again adds nothing', out.returncode == 0 and 'Nothing new' in out.stdout)

            # An export sees the live library.
            out = run([storybank, '--export=live.txt'], env, cwd=tmp, display=False)
            exported = os.path.join(tmp, 'live.txt')
            check('--export is handed to the window', out.returncode == 0 and os.path.exists(exported))
            if os.path.exists(exported):
                with open(exported, encoding='utf-8') as f:
                    check('the export holds the imported stories',
                          'Data Platform Transformation' in f.read())

            out = run([storybank, '--export=-', '--format=md', '--principle=think-big'], env, display=False)
            check('--export=- prints to the sender', out.returncode == 0 and
                  'Developer Platform Vision' in out.stdout)

            out = run([storybank, '--export=x.docx'], env, cwd=tmp, display=False)
            check('a usage error comes back to the sender',
                  out.returncode == 2 and 'format' in out.stderr)

            missing = run([storybank, '--import=no-such-file.md'], env, cwd=tmp, display=False)
            check('a failed import fails the sender', missing.returncode == 1 and missing.stderr.strip() != '')
        finally:
            # Quit as the menu does; the window saves on the way out.
            subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID,
                            '--object-path', '/' + APP_ID.replace('.', '/'),
                            '--method', 'org.gtk.Actions.Activate', 'quit', '[]', '{}'],
                           env=env, capture_output=True)
            try:
                status = first.wait(timeout=30)
            except subprocess.TimeoutExpired:
                first.kill()
                status = None

        check('the window quits cleanly', status == 0)
        titles = stories_in(data_file) if os.path.exists(data_file) else []
        log('saved:', titles)
        check('the imported stories survive the window\'s last save',
              sorted(titles) == sorted(['Scalable Architecture Vision',
                                        'Data Platform Transformation',
                                        'Developer Platform Vision']))

    return 1 if failures else 0


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == '--inner':
        sys.exit(inner(sys.argv[2], sys.argv[3]))

    storybank, seed_dir = sys.argv[1], sys.argv[2]
    if not os.environ.get('DISPLAY') and not os.environ.get('WAYLAND_DISPLAY'):
        log('SKIP: needs a display (run under xvfb-run)')
        sys.exit(SKIP)
    for tool in ('dbus-run-session', 'gdbus'):
        if shutil.which(tool) is None:
            log(f'SKIP: {tool} is missing')
            sys.exit(SKIP)

    # A session bus of its own: no other Storybank can answer.
    sys.exit(subprocess.run(['dbus-run-session', '--', sys.executable, __file__,
                             '--inner', storybank, seed_dir]).returncode)


if __name__ == '__main__':
    main()
