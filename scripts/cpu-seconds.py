#!/usr/bin/env python3
"""CPU-seconds of a command and of every process it starts (README, "How it is measured").

    python3 scripts/cpu-seconds.py node scripts/test.mjs
    python3 scripts/cpu-seconds.py npx jest test/browser/guests.test.ts --selectProjects browser

The machine is shared, so wall time says little; user + sys of the whole run does. /usr/bin/time
around jest misses processes that outlive their parent, such as Chromium's, which are re-parented to
init and reaped there. This script makes itself a child subreaper (Linux prctl), so every descendant
that loses its parent is re-parented to it, reaps them all, and prints the total from
getrusage(RUSAGE_CHILDREN), with the wall time and the load for context.
"""
import ctypes
import os
import resource
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
if len(sys.argv) < 2:
    sys.exit(__doc__)
ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
t0 = time.time()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
code = 1
while True:
    try:
        p, status = os.wait()
    except ChildProcessError:
        break
    if p == pid:
        code = os.waitstatus_to_exitcode(status)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(f"\ncpu-seconds: {r.ru_utime + r.ru_stime:.1f} (user {r.ru_utime:.1f}, sys {r.ru_stime:.1f}); "
                 f"wall {time.time() - t0:.1f} s; load {os.getloadavg()[0]:.1f}\n")
sys.exit(code)
