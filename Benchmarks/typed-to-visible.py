#!/usr/bin/env python3
"""Idea typed by a participant -> visible on the facilitator's console (reveal `immediate`).

Starts `ideate run` (120x36) with a plan that reveals ideas at once, starts the round, searches
the wall for "probe", starts `ideate-load` (200 participants x 2 ideas/s) beside it, then sends
40 probe ideas over the wire one at a time and times each from the moment it is sent until it
is visible. Each probe's "saved" reply (which comes after the commit) is timed too, on a thread
of its own, so the figure splits into the commit and what the console adds.

Two ways to see the console:
- `--via pty`: the console runs on a pseudo-terminal this script reads on a
  thread, timestamping what arrives; an idea is visible when the bytes that draw it arrive.
- `--via tmux` (the default, as the earlier figures in BENCHMARKS.md were taken): the console
  runs in tmux and the script polls `capture-pane`, as a person watching a terminal emulator
  would see it (tmux and each capture add their own time).

Prints p50/p99/max in milliseconds for both.

Usage: python3 Benchmarks/typed-to-visible.py [path/to/ideate] [path/to/ideate-load] [--via pty|tmux]
"""
import argparse, bisect, fcntl, json, os, pty, random, shutil, signal, socket, statistics, struct, subprocess, sys, tempfile, termios, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("ideate", nargs="?", default=".build/release/ideate")
parser.add_argument("load", nargs="?", default=".build/release/ideate-load")
parser.add_argument("--via", choices=["pty", "tmux"], default="tmux")
options = parser.parse_args()
ideate, load = os.path.abspath(options.ideate), os.path.abspath(options.load)
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
port, code = random.randint(30000, 39999), "PROBE1"
command = [ideate, "run", plan, "--run", os.path.join(work, "run.sqlite"), "--port", str(port),
           "--ssh-port", "0", "--web-port", "0", "--code", code]


class PtyConsole:
    """The console on a pseudo-terminal, its output timestamped as it arrives."""

    def __init__(self):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
            os.execv(ideate, command)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        self.output, self.marks, self.lock = bytearray(), [], threading.Lock()  # marks: (end offset, arrival)
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            with self.lock:
                self.output.extend(chunk)
                self.marks.append((len(self.output), now))

    def mark(self):
        with self.lock:
            return len(self.output)

    def seen(self, text, since):
        """When the bytes completing `text` (after offset `since`) arrived, or None."""
        with self.lock:
            found = self.output.find(text.encode(), since)
            if found < 0:
                return None
            return self.marks[bisect.bisect_left(self.marks, (found + len(text.encode()), 0.0))][1]

    def type(self, keys):
        os.write(self.fd, keys.encode())

    def stop(self):
        os.kill(self.pid, signal.SIGTERM)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


class TmuxConsole:
    """The console in tmux, read with `capture-pane` as a terminal emulator shows it."""

    def __init__(self):
        self.server = f"ideate-bench-{os.getpid()}"
        self.tmux("new-session", "-d", "-s", "probe", "-x", "120", "-y", "36", "-e", "LANG=C.UTF-8",
                  "-e", "TERM=xterm-256color", " ".join(command))

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True).stdout

    def mark(self):
        return 0

    def seen(self, text, since):
        return time.perf_counter() if text in self.tmux("capture-pane", "-p", "-t", "probe") else None

    def type(self, keys):
        self.tmux("send-keys", "-t", "probe", "-l", keys)

    def stop(self):
        self.tmux("kill-server")


console = PtyConsole() if options.via == "pty" else TmuxConsole()


def wait_for(text, since=0, timeout=20.0):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        seen = console.seen(text, since)
        if seen is not None:
            return seen
        time.sleep(0.001 if options.via == "pty" else 0.002)
    raise SystemExit(f"never saw {text!r} on the console")


def summary(values):
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    return f"p50 {statistics.median(values):.1f} ms, p99 {p99:.1f} ms, max {values[-1]:.1f} ms"


background = None
try:
    wait_for("Press n")
    console.type("n")
    wait_for("Ideation")
    console.type("/probe\r")
    wait_for("No idea matches")
    background = subprocess.Popen([load, f"127.0.0.1:{port}", "--code", code, "--participants", "200", "--ideas", "20",
                                   "--rate", "2", "--vote-timeout", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probes = []  # four probe participants: each may send 20 ideas per 10 seconds
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
    time.sleep(4)  # ideate-load measures its one-row commit baseline (2 s), then its participants join and send
    samples, acks = [], []
    for number in range(40):
        # No spaces: a terminal library may move the cursor over a blank cell instead of writing it.
        text = f"probe-{number:02d}-{random.randint(1000, 9999)}"
        since = console.mark()
        sent = time.perf_counter()
        probes[number % len(probes)].write(json.dumps({"type": "submit", "id": f"p{number}", "text": text}) + "\n")
        probes[number % len(probes)].flush()
        samples.append((wait_for(text, since, timeout=10) - sent) * 1000)
        time.sleep(0.1)
        if f"p{number}" in saved_at:
            acks.append((saved_at[f"p{number}"] - sent) * 1000)
    print(f"typed -> visible ({options.via}) over {len(samples)} probes with 200 x 2 ideas/s beside them: {summary(samples)}")
    print(f"the same probes' saved replies ({len(acks)}): {summary(acks)}")
finally:
    if background:
        background.kill()
    console.stop()
    shutil.rmtree(work, ignore_errors=True)
