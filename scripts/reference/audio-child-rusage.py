#!/usr/bin/env python3
"""Runs a command and prints its resource usage as one JSON line on stdout.

Used by bench/features-audio to measure sphinx_fe: os.wait4 returns the child's own rusage
(user and system CPU in microseconds, peak resident set size), more precise than GNU time's
centiseconds and without needing the `time` package. The child is started with posix_spawn
(a vfork), so its peak RSS is its own, not that of a copy of this Python process. The
command's stdout and stderr are discarded; the exit status is reported, and this script exits
with it.

Usage: audio-child-rusage.py <command> [args...]
"""

import json
import os
import sys
import time


def main(argv):
    if not argv:
        print("usage: audio-child-rusage.py <command> [args...]", file=sys.stderr)
        return 2
    started = time.monotonic()
    quiet = [
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
    ]
    try:
        pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
    except FileNotFoundError:
        print(f"{argv[0]} is not installed", file=sys.stderr)
        return 127
    _, status, usage = os.wait4(pid, 0)
    exit_code = os.waitstatus_to_exitcode(status)
    print(json.dumps({
        "exitCode": exit_code,
        "userSeconds": usage.ru_utime,
        "systemSeconds": usage.ru_stime,
        "wallSeconds": time.monotonic() - started,
        "maxRssKib": usage.ru_maxrss,
    }))
    return 0 if exit_code == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
