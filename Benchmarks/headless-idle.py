#!/usr/bin/env python3
"""A headless run doing nothing: its CPU while a timed round runs and no one has joined.

Starts `ideate run --headless` with every listener on (TCP, ssh, the phone page) and a
20-minute ideation, lets it settle for 3 s, then reads the process's CPU time (utime + stime
from /proc) over 30 idle seconds. The session runtime sleeps until the phase's end and the
view publisher until something changes, so the figure is what the runtime's wake-ups cost.

usage: headless-idle.py [path/to/ideate]
"""
import os, random, shutil, subprocess, sys, tempfile, time

ideate = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/ideate")
work = tempfile.mkdtemp()
plan = os.path.join(work, "idle.yaml")
with open(plan, "w") as f:
    f.write("""title: Idle
goal: Nothing happens.
anonymity:
  reveal: batch
  min_participants: 1
rounds:
  - prompt: Anything at all
    phases:
      ideate: 20m
""")
port = random.randint(30000, 39000)
server = subprocess.Popen([ideate, "run", plan, "--headless", "--run", os.path.join(work, "run.sqlite"), "--port", str(port),
                           "--ssh-port", str(port + 1), "--ssh-host-key", os.path.join(work, "host_key"),
                           "--web-port", str(port + 2), "--code", "IDLE42", "--portfolio", os.path.join(work, "portfolio.sqlite")],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cpu_seconds():
    with open(f"/proc/{server.pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


try:
    time.sleep(3)
    cpu_before, wall_before = cpu_seconds(), time.perf_counter()
    time.sleep(30)
    percent = (cpu_seconds() - cpu_before) / (time.perf_counter() - wall_before) * 100
    print(f"headless idle CPU, timed round, every listener on, no one joined: {percent:.2f} % of a core")
finally:
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
