#!/usr/bin/env python3
"""`ideate followup` from start to its first frame, on a large portfolio.

Starts `ideate followup --portfolio FILE` on a pseudo-terminal (120x36, TERM=xterm-256color)
and times from the start of the process until the terminal has received the whole first frame
(the footer, drawn last, ends with "quit"); then presses q and waits for the exit. Repeats and
prints the median and the slowest.

With `--scale N` it first writes a copy of PORTFOLIO holding everything N times over
(workshops, experiments, action items, backlog ideas and history copied under new numbers) and
measures that: the first frame must not slow down as a company's portfolio grows.

Usage: python3 Benchmarks/followup-first-frame.py path/to/ideate PORTFOLIO [runs] [--scale N]
"""
import fcntl, os, select, shutil, sqlite3, statistics, struct, subprocess, sys, termios, time

arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--scale")]
scale = next((int(value.split("=", 1)[1]) for value in sys.argv[1:] if value.startswith("--scale=")), 1)
binary, portfolio = arguments[0], arguments[1]
runs = int(arguments[2]) if len(arguments) > 2 else 7


def scaled(path, times):
    """A copy of the portfolio at `path` with every item `times` over, migrated by ideate first."""
    copy = f"{path}.x{times}.sqlite"
    for suffix in ["", "-wal", "-shm"]:
        if os.path.exists(copy + suffix):
            os.remove(copy + suffix)
    shutil.copyfile(path, copy)
    subprocess.run([binary, "portfolio", "box", "--portfolio", copy], capture_output=True, check=True)  # migrates it
    with sqlite3.connect(copy) as database:
        top = {table: database.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0] for table in ["experiment", "action_item", "backlog_idea"]}
        for copy_number in range(1, times):
            e, a, b = (top[t] * copy_number for t in ["experiment", "action_item", "backlog_idea"])
            suffix = f"-copy{copy_number}"
            database.execute(f"INSERT INTO workshop SELECT run || '{suffix}', title, goal, date, participants, ideas, votes, added_on "
                             "FROM workshop WHERE run NOT LIKE '%-copy%'")
            database.execute(f"INSERT INTO experiment SELECT id + {e}, title, card, state, learning, workshop || '{suffix}', round, "
                             f"follows_up + {e}, promoted_from + {b} FROM experiment WHERE id <= {top['experiment']}")
            database.execute(f"INSERT INTO action_item SELECT id + {a}, what, owner, due, status, status_date, workshop || '{suffix}', round, idea "
                             f"FROM action_item WHERE id <= {top['action_item']}")
            database.execute(f"INSERT INTO backlog_idea SELECT id + {b}, text, fingerprint, kind, workshop || '{suffix}', round, promoted_to + {e}, "
                             f"fate, fate_target, answer, answer_date, arrival_week, question, on_board FROM backlog_idea WHERE id <= {top['backlog_idea']}")
    return copy


if scale > 1:
    portfolio = scaled(portfolio, scale)
    with sqlite3.connect(portfolio) as database:
        ideas, experiments = (database.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ["backlog_idea", "experiment"])
    print(f"scaled ×{scale}: {ideas} backlog ideas, {experiments} experiments")
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
