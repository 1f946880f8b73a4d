#!/usr/bin/env python3
"""The idea box and a reviewer killed with SIGKILL mid-write; nothing acknowledged is lost.

Ten times: `ideate box` starts over the same portfolio; three phones send ideas one after
another (each with its own proof), a reviewer declines acknowledged ideas with
`ideate portfolio decline … --answer …` (some of those processes are themselves killed at a
random moment), and after a random 0.2–0.9 s the box is killed with SIGKILL. After each kill:
the file passes integrity_check, every acknowledged idea is there once under the number it was
acknowledged with, every acknowledged decision is there with its answer and history row, and an
idea resent with the same proof after the restart gets the same number (or its first number, if
it had never been acknowledged) and is kept once.

usage: box_crash.py IDEATE_BINARY
Exits 0 when every check holds; otherwise prints what failed and exits 1.
"""
import hashlib, http.client, json, os, random, shutil, socket, sqlite3, subprocess, sys, tempfile, threading, time

IDEATE = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="ideate-box-crash-")
portfolio = os.path.join(work, "portfolio.sqlite")
seed = int(os.environ.get("IDEATE_TEST_SEED", random.randrange(1 << 30)))
random.seed(seed)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(port, path, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("POST", path, json.dumps(body), {"Content-Type": "application/json"})
    answer = connection.getresponse()
    content = answer.read()
    connection.close()
    return answer.status, json.loads(content)


acknowledged = {}  # proof -> number
unacknowledged = []  # (proof, text) sent but not answered
decided = {}  # number -> answer
lock = threading.Lock()
counter = [0]


def phone(port, stop):
    while not stop.is_set():
        with lock:
            counter[0] += 1
            number = counter[0]
        text = f"Idea {number}: one step less in the order process"
        proof = hashlib.sha256(f"secret {number}".encode()).hexdigest()
        try:
            status, body = post(port, "/ideas", {"text": text, "proof": proof})
        except (OSError, http.client.HTTPException, ValueError):
            with lock:
                unacknowledged.append((proof, text))
            return
        if status == 200:
            with lock:
                acknowledged[proof] = body["id"]
        # A steady stream, not a flood: the point is kills mid-write, and the test suite runs beside.
        stop.wait(0.005)


def reviewer(stop):
    while not stop.is_set():
        with lock:
            candidates = [number for number in acknowledged.values() if number not in decided]
        if not candidates:
            time.sleep(0.01)
            continue
        number = random.choice(candidates)
        answer = f"Declined on purpose, {number}."
        process = subprocess.Popen([IDEATE, "portfolio", "decline", number, "--answer", answer, "--portfolio", portfolio],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if random.random() < 0.3:
            time.sleep(random.uniform(0, 0.05))
            process.kill()
        out, _ = process.communicate()
        if process.returncode == 0 and "declined on" in out:
            decided[number] = answer


def check(round_number):
    with sqlite3.connect(portfolio) as database:
        assert database.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = database.execute("SELECT b.id, r.proof, b.fate, b.answer FROM backlog_idea b JOIN receipt r ON r.subject = 'B' || b.id").fetchall()
        assert database.execute("SELECT COUNT(*) FROM receipt").fetchone()[0] == len(rows), "a receipt for every box idea, no other"
        history = {subject for (subject,) in database.execute("SELECT subject FROM history WHERE change LIKE '{\"reviewed\"%'")}
    by_proof = {}
    for number, proof, fate, answer in rows:
        assert proof not in by_proof, f"round {round_number}: a proof kept twice"
        by_proof[proof] = (f"B{number}", fate, answer)
    for proof, number in acknowledged.items():
        assert proof in by_proof, f"round {round_number}: {number} was acknowledged and is lost"
        assert by_proof[proof][0] == number, f"round {round_number}: {number} came back as {by_proof[proof][0]}"
    by_number = {value[0]: value for value in by_proof.values()}
    for number, answer in decided.items():
        assert by_number[number][1] == "declined" and by_number[number][2] == answer, f"round {round_number}: the decision on {number} is lost"
        assert number in history, f"round {round_number}: {number} declined without its history row"
    return len(rows)


try:
    kills = 0
    for round_number in range(10):
        port = free_port()
        box = subprocess.Popen([IDEATE, "box", "--portfolio", portfolio, "--bind", "127.0.0.1", "--web-port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert "open at" in box.stdout.readline()
        # What the previous round sent without an answer is sent again with the same proof.
        for proof, text in list(unacknowledged):
            status, body = post(port, "/ideas", {"text": text, "proof": proof})
            assert status == 200, body
            acknowledged[proof] = body["id"]
        unacknowledged.clear()
        stop = threading.Event()
        threads = [threading.Thread(target=phone, args=(port, stop)) for _ in range(3)] + [threading.Thread(target=reviewer, args=(stop,))]
        for thread in threads:
            thread.start()
        time.sleep(random.uniform(0.2, 0.9))
        box.kill()
        box.wait()
        kills += 1
        stop.set()
        for thread in threads:
            thread.join()
        kept = check(round_number)
    print(f"ok  {kills} SIGKILLs of the box mid-submission (seed {seed}): {len(acknowledged)} ideas acknowledged, all kept once "
          f"under their numbers ({kept} in the file); {len(decided)} decisions acknowledged, all kept with their answers")
    print("ok  every idea left unanswered by a kill was sent again with its proof after the restart and kept once")
except AssertionError as error:
    print(f"FAILED (seed {seed}): {error}")
    sys.exit(1)
finally:
    shutil.rmtree(work, ignore_errors=True)
