#!/usr/bin/env python3
"""`ideate followup` from start to its first frame, on a large portfolio.

Starts `ideate followup --portfolio FILE` on a pseudo-terminal (120x36, TERM=xterm-256color)
and times from the start of the process until the terminal has received the whole first frame
(the footer, drawn last, ends with "quit"); then presses q and waits for the exit. Repeats and
prints the median and the slowest.

Usage: python3 Benchmarks/followup-first-frame.py path/to/ideate PORTFOLIO [runs]
"""
import fcntl, os, select, statistics, struct, subprocess, sys, termios, time

binary, portfolio = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8")
env.pop("NO_COLOR", None)


def first_frame():
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen([binary, "followup", "--portfolio", portfolio], stdin=slave, stdout=slave, stderr=slave,
                               env=env, start_new_session=True, preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
    os.close(slave)
    seen = b""
    while b"quit" not in seen:
        ready, _, _ = select.select([master], [], [], 10.0)
        if not ready:
            raise SystemExit(f"no first frame within 10 s; received {seen[-400:]!r}")
        seen += os.read(master, 65536)
    elapsed = time.perf_counter() - start
    if b"overdue" not in seen:
        raise SystemExit("the first frame does not show what is due or overdue")
    os.write(master, b"q")
    while process.poll() is None:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
    process.wait()
    os.close(master)
    return elapsed


samples = [first_frame() for _ in range(runs)]
print(f"followup first frame: median {statistics.median(samples) * 1000:.0f} ms, slowest {max(samples) * 1000:.0f} ms ({runs} runs)")
