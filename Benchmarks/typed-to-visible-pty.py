#!/usr/bin/env python3
"""Idea typed by a participant -> drawn by the console, read from the console's own terminal.

Like typed-to-visible.py (reveal `immediate`, 200 participants x 2 ideas/s beside it, 40 probe
ideas sent one at a time over the wire), but the console runs on a pseudo-terminal (120x36)
that this script reads on a thread of its own, timestamping what arrives: an idea counts as
visible when the bytes that draw it reach the terminal, with no terminal emulator or screen
capture in between. Each probe's "saved" reply is timed too, so the figure splits into the
commit and the console's pass.

Usage: python3 Benchmarks/typed-to-visible-pty.py [path/to/ideate] [path/to/ideate-load]
"""
import bisect, fcntl, json, os, pty, random, shutil, signal, socket, statistics, struct, subprocess, sys, tempfile, termios, threading, time

ideate = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/ideate")
load = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else ".build/release/ideate-load")
work = tempfile.mkdtemp()
plan = os.path.join(work, "immediate.yaml")
with open(plan, "w") as f:
    f.write("""title: Latency probe
goal: Time ideas from a participant's keyboard to the shared screen.
anonymity:
  reveal: immediate
  min_participants: 1
votes_per_person: 3
max_votes_per_idea: 2
shortlist: 3
rounds:
  - prompt: Anything at all
    phases:
      ideate: 10m
""")
port, code = random.randint(30000, 39999), "PROBE2"
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    os.execv(ideate, [ideate, "run", plan, "--run", os.path.join(work, "run.sqlite"), "--port", str(port),
                      "--ssh-port", "0", "--web-port", "0", "--code", code])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))

output, marks, lock = bytearray(), [], threading.Lock()  # marks: (end offset, arrival time)


def read_terminal():
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return
        if not chunk:
            return
        now = time.perf_counter()
        with lock:
            output.extend(chunk)
            marks.append((len(output), now))


threading.Thread(target=read_terminal, daemon=True).start()


def wait_for(text, since=0, timeout=20.0):
    """When the bytes completing `text` (after offset `since`) arrived, and where they end."""
    needle = text.encode()
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        with lock:
            found = output.find(needle, since)
            if found >= 0:
                last = found + len(needle)
                arrived = marks[bisect.bisect_left(marks, (last, 0.0))][1]
                return arrived, last
        time.sleep(0.001)
    raise SystemExit(f"never saw {text!r} drawn")


background = None
try:
    wait_for("Press n")
    os.write(fd, b"n")
    wait_for("Ideation")
    os.write(fd, b"/probe\r")
    _, offset = wait_for("No idea matches")
    background = subprocess.Popen([load, f"127.0.0.1:{port}", "--code", code, "--participants", "200", "--ideas", "20",
                                   "--rate", "2", "--vote-timeout", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probes = []
    for _ in range(4):
        probe = socket.create_connection(("127.0.0.1", port)).makefile("rw")
        probe.write(json.dumps({"type": "hello", "version": 1, "code": code}) + "\n")
        probe.flush()
        probe.readline()
        probes.append(probe)
    saved_at = {}

    def read_replies(probe):
        for line in probe:
            message = json.loads(line)
            if message.get("type") == "reply" and message.get("ok"):
                saved_at[message["id"]] = time.perf_counter()

    for probe in probes:
        threading.Thread(target=read_replies, args=(probe,), daemon=True).start()
    time.sleep(4)  # ideate-load measures its commit baseline, then its participants join and send
    samples, acks = [], []
    for number in range(40):
        # No spaces: a terminal library may move the cursor over a blank cell instead of writing it.
        text = f"probe-{number:02d}-{random.randint(1000, 9999)}"
        with lock:
            offset = len(output)
        sent = time.perf_counter()
        probes[number % len(probes)].write(json.dumps({"type": "submit", "id": f"p{number}", "text": text}) + "\n")
        probes[number % len(probes)].flush()
        drawn, _ = wait_for(text, since=offset, timeout=10)
        samples.append((drawn - sent) * 1000)
        time.sleep(0.1)
        if f"p{number}" in saved_at:
            acks.append((saved_at[f"p{number}"] - sent) * 1000)

    def summary(values):
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        return f"p50 {statistics.median(values):.1f} ms, p99 {p99:.1f} ms, max {values[-1]:.1f} ms"

    print(f"typed -> drawn on the console's terminal over {len(samples)} probes with 200 x 2 ideas/s beside them: {summary(samples)}")
    print(f"the same probes' saved replies ({len(acks)}): {summary(acks)}")
finally:
    if background:
        background.kill()
    os.kill(pid, signal.SIGTERM)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    shutil.rmtree(work, ignore_errors=True)
