#!/usr/bin/env python3
"""The console's own loop: CPU while a timed round runs with no one joined, and a key typed on
the console until the terminal receives it drawn.

Starts `ideate run` on a pseudo-terminal (120x36, TERM=xterm-256color), opens ideation so the
countdown runs, then
- reads the process's CPU time (utime + stime from /proc) over 30 idle seconds;
- opens the wall's search (/) and types 80 letters at human pace, timing each from the write to
  the pty until output containing that letter arrives (the console redraws only changed cells).

Usage: python3 Benchmarks/console-latency.py [path/to/ideate]
"""
import fcntl, os, pty, random, select, statistics, struct, sys, tempfile, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/ideate"
run = os.path.join(tempfile.mkdtemp(), "console.sqlite")
port = random.randint(30000, 39999)
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    os.environ.pop("NO_COLOR", None)
    os.execv(binary, [binary, "run", "sessions/quick-start.yaml", "--run", run, "--port", str(port), "--ssh-port", "0", "--web-port", "0"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))


def read_for(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.perf_counter()))
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:  # the console has exited
                return


def cpu_seconds():
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


read_for(2.0)
os.write(fd, b"n")
read_for(3.0)
cpu_before, wall_before = cpu_seconds(), time.perf_counter()
read_for(30.0)
idle_percent = (cpu_seconds() - cpu_before) / (time.perf_counter() - wall_before) * 100

os.write(fd, b"/")
read_for(0.5)
samples = []
for number in range(80):
    letter = "xzjkwv"[number % 6].encode()
    sent, seen = time.perf_counter(), b""
    os.write(fd, letter)
    while letter not in seen:
        ready, _, _ = select.select([fd], [], [], 2.0)
        if not ready:
            raise SystemExit(f"the console never drew {letter!r}")
        seen += os.read(fd, 65536)
    samples.append((time.perf_counter() - sent) * 1000)
    read_for(random.uniform(0.05, 0.15))
os.write(fd, b"\x1b")
read_for(0.3)
os.write(fd, b"\x03")
read_for(1.0)
os.waitpid(pid, 0)
samples.sort()
print(f"console idle CPU during a timed round, no one joined: {idle_percent:.2f} % of a core over 30 s")
print(f"console key typed -> drawn over {len(samples)} keys: p50 {statistics.median(samples):.2f} ms, "
      f"p99 {samples[min(len(samples) - 1, int(len(samples) * 0.99))]:.2f} ms, max {samples[-1]:.2f} ms")
