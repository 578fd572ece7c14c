#!/usr/bin/env python3
"""Name the processes that carry the suite's mark ($GRPSUP_SUITE_MARK in
their environment) and do not descend from the suite's runner (pid argv[1]):
what the suite started and left behind. They get 3 seconds to end (a
teardown's SIGKILL may still be on its way); then each is printed as a TAP
"not ok" line, and SIGKILLed so that the next run starts clean. Prints one
"ok" line when none is left."""
import os, signal, sys, time

mark = ("GRPSUP_SUITE_MARK=" + os.environ["GRPSUP_SUITE_MARK"]).encode()
runner = int(sys.argv[1])


def parent(pid):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            return int(f.read().rsplit(b")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def descends(pid):
    while pid > 1:
        if pid == runner:
            return True
        pid = parent(pid)
    return False


def leftovers():
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        try:
            with open("/proc/%d/environ" % pid, "rb") as f:
                env = f.read().split(b"\0")
            with open("/proc/%d/stat" % pid, "rb") as f:
                state = f.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if mark in env and state != b"Z" and not descends(pid):
            found.append(pid)
    return found


deadline = time.time() + 3
left = leftovers()
while left and time.time() < deadline:
    time.sleep(0.1)
    left = leftovers()
for pid in left:
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            args = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        args = "?"
    print("not ok leftover: pid %d outlived the suite: %s" % (pid, args[:200]))
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
if not left:
    print("ok no process the suite started outlives it")
