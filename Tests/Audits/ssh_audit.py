#!/usr/bin/env python3
"""The ssh front end under ssh-audit: its algorithms, and joining while the DHEat flood runs.

Starts `ideate run --headless` on loopback with only the ssh front end on, in a temporary
folder with a plan of its own (one long ideation phase, so the server stays up), then:

1. runs `ssh-audit -j` against it and compares every "fail" it reports (algorithm notes,
   "critical" recommendations) with EXPECTED_FAILURES below; a failure not on that list is a
   regression and fails the script. Every warning, failure and note is printed, and so are
   the expected failures that no longer appear (for information: the list can shrink).
2. joins with the real OpenSSH client in tmux (`ssh -p PORT code@127.0.0.1`), waits for
   "Your idea:", types an idea and waits for "saved ✓": on the idle server, then while
   `ssh-audit --dheat` floods the port with key exchanges (once with the exchange ssh-audit
   picks, once with the one dearest to the server), then once more after the floods.
   Under a flood joining must take at most JOIN_LIMIT seconds, and the server must live.

Needs ssh-audit (pip install ssh-audit), ssh and tmux on PATH. Loopback only, bounded (about
15 s; well under two minutes), and everything it started is stopped in `finally`. Every wait
polls a condition against a deadline.

usage: ssh_audit.py IDEATE_BINARY          exit status 0 (pass) or 1 (fail)
"""
import json, os, re, shutil, signal, socket, subprocess, sys, tempfile, time, uuid

# What ssh-audit (3.x) fails, and why each is expected. Keys are "kind:algorithm" as the JSON
# output lists them (kind: kex, key, enc, mac), or "recommendation:ACTION:KIND:NAME" for a
# "critical" recommendation.
EXPECTED_FAILURES = {
    # swift-nio-ssh's key exchange list is a static let (SSHKeyExchangeStateMachine
    # .supportedKeyExchangeImplementations: P384, P256, P521, Curve25519) that no server
    # configuration can change, and its KEXINIT always offers all of them. ssh-audit fails the
    # NIST curves ("suspected as being backdoored by the U.S. NSA"). OpenSSH clients prefer
    # curve25519-sha256 (or mlkem/sntrup, which swift-nio-ssh lacks), so it is what they negotiate.
    "kex:ecdh-sha2-nistp384": "NIST P-384 key exchange, always offered by swift-nio-ssh",
    "kex:ecdh-sha2-nistp256": "NIST P-256 key exchange, always offered by swift-nio-ssh",
    "kex:ecdh-sha2-nistp521": "NIST P-521 key exchange, always offered by swift-nio-ssh",
}

JOIN_LIMIT = 5.0            # joining under a flood must take at most this long (idle: ~0.15 s)
JOIN_DEADLINE = 10.0        # seconds from starting ssh to "Your idea:" before giving up
SAVE_DEADLINE = 10.0        # seconds from Enter to "saved ✓"
FLOOD_SOCKETS = 8           # ssh-audit --dheat N: N processes, each one connection at a time
# The key exchanges to flood: ssh-audit's own choice (curve25519-sha256, the cheapest for the
# attacker and the one it picks first), then the one that costs the server most per connection.
FLOODS = [None, "ecdh-sha2-nistp521"]
FLOOD_MINIMUM = 6.0         # the flood runs at least this long (ssh-audit's statistics want 5 s)
FLOOD_MAXIMUM = 25.0        # and is stopped after this long whatever happens
CODE = "AUDIT7"
IDEA = "Audit idea under the flood"

PLAN = """title: ssh audit
goal: Keep the ssh front end up while ssh-audit looks at it.
anonymity:
  reveal: immediate
  min_participants: 1
votes_per_person: 2
max_votes_per_idea: 1
shortlist: 2
rounds:
  - prompt: What would make this workshop better?
    phases:
      ideate: 10m
      vote: 1m
"""


class Failure(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what, condition, seconds, interval=0.05):
    """Polls `condition` until it returns something true, or raises Failure after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise Failure(f"timed out after {seconds:.0f} s waiting for {what}")
        time.sleep(interval)


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def cpu_seconds(pid):
    """User and system CPU time of a process so far, from /proc (0 where there is none)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def accepts(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.settimeout(2)
            return s.recv(8).startswith(b"SSH-")
    except OSError:
        return False


class Terminal:
    """A tmux session on a private server running one command; read with capture-pane."""

    def __init__(self, command):
        self.socket = f"ideate-audit-{uuid.uuid4().hex[:8]}"
        self.tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "-e", "LANG=C.UTF-8",
                  f'{command}; echo "EXITED $?"; sleep 120')

    def tmux(self, *arguments):
        done = subprocess.run(["tmux", "-L", self.socket, *arguments], capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise Failure(f"tmux {arguments[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text, seconds):
        last = [""]

        def seen():
            last[0] = self.screen()
            return text in last[0]
        try:
            wait_until(f"“{text}”", seen, seconds)
        except Failure as failure:
            raise Failure(f"{failure}; the screen was:\n{last[0].rstrip()}") from None

    def close(self):
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=10)
        # tmux leaves its socket file behind; -L puts it in $TMUX_TMPDIR/tmux-UID/.
        folder = os.path.join(os.environ.get("TMUX_TMPDIR") or "/tmp", f"tmux-{os.getuid()}")
        try:
            os.unlink(os.path.join(folder, self.socket))
        except OSError:
            pass


def join(port, known_hosts, label):
    """Joins over ssh, saves an idea; returns (seconds to "Your idea:", seconds to "saved ✓")."""
    command = (f"ssh -p {port} -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile={known_hosts} "
               f"-o LogLevel=ERROR {CODE.lower()}@127.0.0.1")
    start = time.monotonic()
    terminal = Terminal(command)
    try:
        terminal.wait_for("Your idea:", JOIN_DEADLINE)
        joined = time.monotonic() - start
        terminal.tmux("send-keys", "-t", "t", "-l", f"{IDEA} ({label})")
        enter = time.monotonic()
        terminal.tmux("send-keys", "-t", "t", "Enter")
        terminal.wait_for("saved ✓", SAVE_DEADLINE)
        return joined, time.monotonic() - enter
    finally:
        terminal.close()


def audit_findings(report):
    """(failures, warnings) from ssh-audit's JSON: {"kind:name": [notes]}."""
    failures, warnings = {}, {}
    for kind in ("kex", "key", "enc", "mac"):
        for entry in report.get(kind, []):
            notes = entry.get("notes", {})
            name = f"{kind}:{entry['algorithm']}"
            if notes.get("fail"):
                failures[name] = notes["fail"]
            if notes.get("warn"):
                warnings[name] = notes["warn"]
    for level, findings in (report.get("recommendations") or {}).items():
        target = failures if level == "critical" else warnings if level == "warning" else None
        if target is None:
            continue
        for action, kinds in findings.items():
            for kind, entries in kinds.items():
                for entry in entries:
                    target[f"recommendation:{action}:{kind}:{entry['name']}"] = [entry.get("notes") or level]
    for cve in report.get("cves") or []:
        failures[f"cve:{cve.get('name', cve)}"] = [cve.get("description", "")] if isinstance(cve, dict) else []
    return failures, warnings


def run_audit(port):
    done = subprocess.run(["ssh-audit", "-j", "-n", "-t", "5", "-p", str(port), "127.0.0.1"],
                          capture_output=True, text=True, timeout=60)
    # ssh-audit exits 0 (good), 2 (warnings), 3 (failures); 1 is a connection error.
    if done.returncode not in (0, 2, 3):
        raise Failure(f"ssh-audit exited {done.returncode}: {done.stdout.strip()} {done.stderr.strip()}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise Failure(f"ssh-audit printed no JSON: {done.stdout.strip()} {done.stderr.strip()}") from None


def stop_group(process, signal_number):
    """Signals the process group `process` leads (ssh-audit's workers are in it too)."""
    try:
        os.killpg(process.pid, signal_number)
    except ProcessLookupError:
        pass


def flood_and_join(port, known_hosts, work, server, target, processes):
    """Runs `ssh-audit --dheat` against the port and joins while it runs; True if joining was quick."""
    spec = f"{FLOOD_SOCKETS}:{target}" if target else str(FLOOD_SOCKETS)
    flood_log = os.path.join(work, f"dheat-{target or 'auto'}.log")
    with open(flood_log, "w") as log:
        flood = subprocess.Popen(["ssh-audit", "-n", "-t", "5", "-p", str(port), "--dheat", spec, "127.0.0.1"],
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                 env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)
    processes.append(flood)
    started, cpu_before = time.monotonic(), cpu_seconds(server.pid)

    def flooding():
        if flood.poll() is not None:
            raise Failure(f"ssh-audit --dheat {spec} exited ({flood.returncode}):\n{read(flood_log)}")
        return "Compl. conns/sec" in read(flood_log)  # its first progress line, a second in
    wait_until(f"the DHEat flood ({spec}) to start", flooding, 20)

    ok = True
    try:
        joined, saved = join(port, known_hosts, f"flood {target or 'auto'}")
        verdict = "" if joined <= JOIN_LIMIT else f"  SLOWER THAN {JOIN_LIMIT:g} s"
        ok = not verdict
        result = f"joined in {joined:.2f} s, saved in {saved:.2f} s{verdict}"
    except Failure as failure:
        ok, result = False, f"FAILED to join: {failure}"
    wait_until("the flood's minimum duration", lambda: time.monotonic() - started >= FLOOD_MINIMUM,
               FLOOD_MAXIMUM, interval=0.1)
    seconds, cpu = time.monotonic() - started, cpu_seconds(server.pid) - cpu_before
    stop_group(flood, signal.SIGINT)  # ssh-audit prints its statistics on Ctrl-C
    try:
        # On a busy machine ssh-audit may take a while to wind its sockets down and print.
        flood.wait(timeout=60)
    except subprocess.TimeoutExpired:
        stop_group(flood, signal.SIGKILL)
        flood.wait()
    printed = read(flood_log)
    algorithm = re.search(r"Targeting server algorithm: (\S+)", printed)
    exchanges = re.search(r"Successful DH KEX replies: ([\d.,]+)/sec, ([\d,]+) total", printed)
    other = [line.strip() for line in printed.splitlines()
             if re.search(r"(Unexpected DH KEX|MaxStartups\" replies|Not allowed at this time\" replies|"
                          r"Invalid banners|Connection timeouts|Read timeouts|Socket exceptions): [\d.,]+/sec, [1-9]", line)]
    print(f"under the DHEat flood ({FLOOD_SOCKETS} sockets, {algorithm.group(1) if algorithm else '?'}): {result}")
    print(f"    the flood: {exchanges.group(2) if exchanges else '?'} key exchanges answered in {seconds:.1f} s "
          f"({exchanges.group(1) if exchanges else '?'}/s); server CPU {cpu:.1f} s ({cpu / seconds:.0%} of one core, "
          f"{os.cpu_count()} cores shared with ssh-audit)")
    for line in other:
        print(f"    {line}")
    # Without its closing statistics (killed before it printed them), its progress lines still
    # say how many key exchanges per second it was running against the server.
    progress = [float(rate) for rate in re.findall(r"DH kex/sec: ([\d.]+)", printed)]
    if not exchanges and progress and max(progress) > 0:
        print(f"    (no closing statistics; its progress lines show up to {max(progress):.0f} key exchanges/s)")
    elif not exchanges or exchanges.group(2) == "0":
        print("    the flood got no key exchange answered, so it tested nothing:\n" + printed[-2000:])
        ok = False
    return ok


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 1
    ideate = os.path.abspath(sys.argv[1])
    started = time.monotonic()
    work = tempfile.mkdtemp(prefix="ideate-ssh-audit-")
    processes, server = [], None
    ok = True
    try:
        plan = os.path.join(work, "plan.yaml")
        with open(plan, "w") as f:
            f.write(PLAN)
        check = subprocess.run([ideate, "check", plan], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            raise Failure(f"ideate check: {check.stdout}{check.stderr}")

        port = free_port()
        server_log = os.path.join(work, "server.log")
        environment = dict(os.environ)
        themes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "themes")
        if "IDEATE_THEMES" not in environment and os.path.isdir(themes):
            environment["IDEATE_THEMES"] = os.path.normpath(themes)
        with open(server_log, "w") as log:
            server = subprocess.Popen(
                [ideate, "run", plan, "--headless", "--run", os.path.join(work, "run.sqlite"), "--bind", "127.0.0.1",
                 "--port", "0", "--web-port", "0", "--ssh-port", str(port),
                 "--ssh-host-key", os.path.join(work, "host_key"), "--code", CODE,
                 "--portfolio", os.path.join(work, "portfolio.sqlite")],
                cwd=work, env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        processes.append(server)

        def listening():
            if server.poll() is not None:
                raise Failure(f"the server exited ({server.returncode}):\n{read(server_log)}")
            return "Over ssh:" in read(server_log) and accepts(port)
        wait_until("the ssh front end to listen", listening, 20)
        print(f"server: {ideate} on 127.0.0.1:{port} (ssh only), plan and run in {work}")

        # 1. The algorithms.
        print("\n== ssh-audit ==")
        report = run_audit(port)
        version = re.search(r"ssh-audit v([0-9][0-9.]*[0-9])", subprocess.run(["ssh-audit", "-h"], capture_output=True, text=True,
                                                                timeout=30).stdout)
        print(f"ssh-audit {version.group(1) if version else '(version unknown)'}; "
              f"banner: {report.get('banner', {}).get('raw')}")
        for kind in ("kex", "key", "enc", "mac"):
            print(f"{kind}: {', '.join(entry['algorithm'] for entry in report.get(kind, []))}")
        failures, warnings = audit_findings(report)
        for name, notes in failures.items():
            print(f"FAIL {name}: {'; '.join(notes)}" + ("  (expected)" if name in EXPECTED_FAILURES else "  (NEW)"))
        for name, notes in warnings.items():
            print(f"warn {name}: {'; '.join(notes)}")
        for note in report.get("additional_notes") or []:
            print(f"note: {note}")
        for name in EXPECTED_FAILURES:
            if name not in failures:
                print(f"info: expected failure {name} no longer appears ({EXPECTED_FAILURES[name]}); the list can shrink")
        regressions = [name for name in failures if name not in EXPECTED_FAILURES]
        if regressions:
            ok = False
            print(f"REGRESSION: ssh-audit fails {', '.join(regressions)}, not on the expected list")
        else:
            print(f"ssh-audit: {len(failures)} failures, all expected; {len(warnings)} warnings")

        # 2. Joining, first on an idle server, then under each DHEat flood, then once more.
        print("\n== joining with OpenSSH ==")
        known_hosts = os.path.join(work, "known_hosts")
        joined, saved = join(port, known_hosts, "idle")
        print(f"without a flood: joined in {joined:.2f} s, saved in {saved:.2f} s")
        for target in FLOODS:
            ok &= flood_and_join(port, known_hosts, work, server, target, processes)
            if server.poll() is not None:
                raise Failure(f"the server exited under the flood ({server.returncode}):\n{read(server_log)}")
        joined, saved = join(port, known_hosts, "after")
        print(f"after the floods: joined in {joined:.2f} s, saved in {saved:.2f} s")
    except (Failure, OSError, subprocess.SubprocessError) as failure:
        ok = False
        print(f"FAILED: {failure}")
    finally:
        # The server first asked to stop (it hangs up its sessions), then killed if it does not;
        # each ssh-audit's whole process group (its --dheat workers) killed, even if it exited.
        for process in reversed(processes):
            if process is server and process.poll() is None:
                stop_group(process, signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            stop_group(process, signal.SIGKILL)
            process.wait()
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'PASS' if ok else 'FAIL'} in {time.monotonic() - started:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
