#!/usr/bin/env python3
"""Concurrent participants over ssh, each a real OpenSSH client on a pseudo-terminal of its own.

Starts `ideate run --headless` with the ssh front end on loopback, then opens SESSIONS clients
(`ssh -tt CODE@127.0.0.1` on an 80x24 pty, TERM=xterm-256color), a few at a time. When all of
them show the ideation screen, each types ideas at about six keys a second with jitter, presses
Enter and waits for its own "saved ✓" before the next one. It measures:

- keystroke -> echo: from writing a letter to the pty until the ssh client prints output that
  contains it (the server redraws only the changed cells, so that output is the echoed letter);
- Enter -> "saved ✓": the participant screen shows it only after the server's commit;
- the server's resident memory before any session, with all sessions joined and at its peak;
- ideas acknowledged on screen against ideas in the run file once the server has stopped.

usage: ssh-load.py [path/to/ideate] [--sessions 200] [--ideas 6] [--port 7831] [--ssh-port 7832]
"""
import argparse, fcntl, json, os, pty, random, selectors, shutil, signal, statistics, struct, subprocess
import sys, tempfile, termios, time

parser = argparse.ArgumentParser()
parser.add_argument("ideate", nargs="?", default=".build/release/ideate")
parser.add_argument("--sessions", type=int, default=200)
parser.add_argument("--ideas", type=int, default=6)
parser.add_argument("--port", type=int, default=7831)
parser.add_argument("--ssh-port", type=int, default=7832)
parser.add_argument("--timeout", type=float, default=180)
options = parser.parse_args()
ideate = os.path.abspath(options.ideate)
code = "SSHLD1"
work = tempfile.mkdtemp()
plan = os.path.join(work, "ssh-load.yaml")
with open(plan, "w") as f:
    f.write("""title: ssh load
goal: Many participants typing over ssh at once.
anonymity:
  reveal: batch
  batch_seconds: 2
  min_participants: 3
votes_per_person: 3
max_votes_per_idea: 2
shortlist: 3
rounds:
  - prompt: Anything at all
    phases:
      ideate: 20m
""")
run_file = os.path.join(work, "run.sqlite")
known_hosts = os.path.join(work, "known_hosts")
LETTERS = "xzjkwv"  # none of them is drawn by the participant screen while a round runs


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


class Session:
    def __init__(self, number):
        self.number = number
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            ["ssh", "-tt", "-p", str(options.ssh_port), "-o", "StrictHostKeyChecking=accept-new",
             "-o", f"UserKnownHostsFile={known_hosts}", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
             f"{code}@127.0.0.1"],
            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
            env={**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8"})
        os.close(slave)
        os.set_blocking(self.master, False)
        self.seen = b""           # everything since the last thing we waited for
        self.joined = False
        self.waiting = None       # ("key", letter, sent) or ("saved", sent)
        self.typed = 0
        self.text = ""
        self.ideas_sent = 0
        self.ideas_saved = 0
        self.next_key = 0.0

    def feed(self, data, now):
        self.seen += data
        if not self.joined:
            if b"Anything at all" in self.seen:
                self.joined = True
                self.seen = b""
            else:
                self.seen = self.seen[-4096:]
            return
        if self.waiting and self.waiting[0] == "key" and self.waiting[1].encode() in self.seen:
            echoes.append((now - self.waiting[2]) * 1000)
            self.waiting, self.seen = None, b""
            self.next_key = now + random.uniform(0.08, 0.25)
        elif self.waiting and self.waiting[0] == "saved" and "✓".encode() in self.seen:  # only the changed cells come: "aved ✓"
            saves.append((now - self.waiting[1]) * 1000)
            self.ideas_saved += 1
            self.waiting, self.seen = None, b""
            self.next_key = now + random.uniform(0.3, 1.0)

    def act(self, now):
        if not self.joined or self.waiting or now < self.next_key or self.ideas_sent >= options.ideas:
            return
        if len(self.text) < 14:
            letter = LETTERS[len(self.text) % len(LETTERS)]
            self.text += letter
            self.seen = b""
            os.write(self.master, letter.encode())
            self.waiting = ("key", letter, time.perf_counter())
        else:
            self.seen = b""
            os.write(self.master, b"\r")
            self.waiting = ("saved", time.perf_counter())
            self.ideas_sent += 1
            self.text = ""

    def close(self):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.close(self.master)


echoes, saves = [], []
server = subprocess.Popen([ideate, "run", plan, "--headless", "--run", run_file, "--port", str(options.port),
                           "--ssh-port", str(options.ssh_port), "--ssh-host-key", os.path.join(work, "host_key"),
                           "--web-port", "0", "--code", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sessions = []
selector = selectors.DefaultSelector()
try:
    time.sleep(1.5)
    baseline = rss_mb(server.pid)
    peak = baseline
    start = time.perf_counter()
    while len(sessions) < options.sessions or not all(s.joined for s in sessions):
        if len(sessions) < options.sessions and (len(sessions) < 1 or sessions[0].joined):
            for _ in range(min(10, options.sessions - len(sessions))):
                session = Session(len(sessions))
                sessions.append(session)
                selector.register(session.master, selectors.EVENT_READ, session)
        for key, _ in selector.select(timeout=0.05):
            try:
                key.data.feed(os.read(key.fd, 65536), time.perf_counter())
            except OSError:
                selector.unregister(key.fd)
        if time.perf_counter() - start > 120:
            stuck = [s.number for s in sessions if not s.joined]
            raise SystemExit(f"{len(stuck)} sessions never reached the ideation screen")
        peak = max(peak, rss_mb(server.pid))
    joined_in = time.perf_counter() - start
    joined_rss = rss_mb(server.pid)
    start = time.perf_counter()
    last_sample = 0.0
    while any(s.ideas_saved < options.ideas for s in sessions):
        now = time.perf_counter()
        for session in sessions:
            session.act(now)
        for key, _ in selector.select(timeout=0.005):
            try:
                key.data.feed(os.read(key.fd, 65536), time.perf_counter())
            except OSError:
                selector.unregister(key.fd)
        if now - last_sample > 0.5:
            peak, last_sample = max(peak, rss_mb(server.pid)), now
        if now - start > options.timeout:
            waiting = next(s for s in sessions if s.waiting)
            raise SystemExit(f"typing did not finish: {sum(s.ideas_saved for s in sessions)} ideas saved; "
                             f"session {waiting.number} still waits for {waiting.waiting[:2]} and saw {waiting.seen[-300:]!r}")
    typed_for = time.perf_counter() - start
    peak = max(peak, rss_mb(server.pid))
finally:
    for session in sessions:
        session.close()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()

exported = subprocess.run([ideate, "export", run_file, "--format", "json"], capture_output=True, text=True, check=True)
stored = sum(1 for round in json.loads(exported.stdout)["rounds"] for idea in round["ideas"] if idea["text"].startswith("xzjkwv"))
shutil.rmtree(work, ignore_errors=True)


def p99(samples):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


acknowledged = sum(s.ideas_saved for s in sessions)
print(f"{options.sessions} ssh sessions joined in {joined_in:.1f} s; typed for {typed_for:.1f} s")
print(f"keystroke -> echo over {len(echoes)} keys: p50 {statistics.median(echoes):.1f} ms, "
      f"p99 {p99(echoes):.1f} ms, max {max(echoes):.1f} ms")
print(f"Enter -> saved over {len(saves)} ideas: p50 {statistics.median(saves):.1f} ms, p99 {p99(saves):.1f} ms")
print(f"server memory: {baseline:.0f} MB before, {joined_rss:.0f} MB with all joined, peak {peak:.0f} MB "
      f"({(peak - baseline) / options.sessions:.2f} MB per session)")
print(f"ideas acknowledged on screen {acknowledged}, in the run file {stored}")
