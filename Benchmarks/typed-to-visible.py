#!/usr/bin/env python3
"""Idea typed by a participant -> visible on the facilitator's console (reveal `immediate`).

Starts `ideate run` in tmux (120x36) with a plan that reveals ideas at once, starts the round,
searches the wall for "probe", starts `ideate-load` (200 participants x 2 ideas/s) beside it,
then sends probe ideas over the wire one at a time and times each from the moment it is sent
until tmux shows it on the console. Prints p50/p99/max in milliseconds, and the same for the
probe's "saved" reply (which comes after the commit), read on its own thread: the difference is
what the console and tmux add to the commit.

Usage: python3 Benchmarks/typed-to-visible.py [path/to/ideate] [path/to/ideate-load]
"""
import json, os, random, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

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
port, code, server = random.randint(30000, 39999), "PROBE1", f"ideate-bench-{os.getpid()}"

def tmux(*args):
    return subprocess.run(["tmux", "-L", server, *args], capture_output=True, text=True).stdout

def screen():
    return tmux("capture-pane", "-p", "-t", "probe")

def wait_for(text, timeout=20.0):
    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        if text in screen():
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit(f"never saw {text!r} on the console:\n{screen()}")

tmux("new-session", "-d", "-s", "probe", "-x", "120", "-y", "36", "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color",
     f"{ideate} run {plan} --run {work}/run.sqlite --port {port} --ssh-port 0 --web-port 0 --code {code}")
background = None
try:
    wait_for("Press n")
    tmux("send-keys", "-t", "probe", "n")
    wait_for("Ideation")
    tmux("send-keys", "-t", "probe", "/")
    tmux("send-keys", "-t", "probe", "-l", "probe")
    tmux("send-keys", "-t", "probe", "Enter")
    wait_for("No idea matches the search.")
    background = subprocess.Popen([load, f"127.0.0.1:{port}", "--code", code, "--participants", "200", "--ideas", "20",
                                   "--rate", "2", "--vote-timeout", "1"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    probes = []  # four probe participants: each may send 20 ideas per 10 seconds
    for _ in range(4):
        probe = socket.create_connection(("127.0.0.1", port)).makefile("rw")
        probe.write(json.dumps({"type": "hello", "version": 1, "code": code}) + "\n")
        probe.flush()
        probe.readline()
        probes.append(probe)
    def send(number, message):
        probes[number % len(probes)].write(json.dumps(message) + "\n")
        probes[number % len(probes)].flush()
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
        text = f"probe {number:02d} {random.randint(1000, 9999)}"
        sent = time.perf_counter()
        send(number, {"type": "submit", "id": f"p{number}", "text": text})
        samples.append((wait_for(text, timeout=10) - sent) * 1000)
        time.sleep(0.1)
        if f"p{number}" in saved_at:
            acks.append((saved_at[f"p{number}"] - sent) * 1000)
    def summary(values):
        values = sorted(values)
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        return f"p50 {statistics.median(values):.1f} ms, p99 {p99:.1f} ms, max {values[-1]:.1f} ms"
    print(f"typed -> visible over {len(samples)} probes with 200 x 2 ideas/s beside them: {summary(samples)}")
    if acks:
        print(f"the same probes' saved replies ({len(acks)}): {summary(acks)}")
finally:
    if background:
        background.kill()
    tmux("kill-server")
    shutil.rmtree(work, ignore_errors=True)
