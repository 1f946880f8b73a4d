#!/usr/bin/env python3
"""A phone carries its workshop ideas to the idea box and reads the answer there.

`ideate box` runs over a fresh portfolio (it records its address there); an idea sent to the
box is taken to the next workshop by the reviewer, and a headless `ideate run` over the same
portfolio, whose round says `from_box: true`, starts with it and links the box; once the run has
ended that idea is back under its number, kept, with the workshop named in its history, and the
minutes mark it as from the box. Headless Chromium at phone size joins the workshop, sends
two ideas and, on the end screen, follows "Follow my ideas in the idea box": the box page lists
both ideas as coming from the workshop and the address bar no longer holds the fragment the
receipts travelled in. The reviewer answers one of them on `ideate followup` (tmux); after a
reload the phone shows that answer. Every byte the phone sent to the box names none of its
ideas' proofs.

usage: workshop_to_box.py IDEATE_BINARY [SCREENSHOT_FOLDER]
Exits 0 when every check holds; otherwise prints what failed and the page, and exits 1.
"""
import http.client, json, os, re, shutil, socket, sqlite3, subprocess, sys, tempfile, urllib.parse

from harness import browser, free_port, move_cursor_to, start_recording_proxy, text, tmux_on, wait
from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

IDEATE = os.path.abspath(sys.argv[1])
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = tempfile.mkdtemp(prefix="ideate-carry-")
portfolio = os.path.join(work, "portfolio.sqlite")
plan = os.path.join(work, "plan.yaml")
run_file = os.path.join(work, "run.sqlite")
with open(plan, "w") as file:
    file.write("title: Packing hall ideas\ngoal: Faster packing\nanonymity:\n  reveal: immediate\n  min_participants: 1\n"
               "rounds:\n  - prompt: What slows down packing?\n    from_box: true\n    phases:\n      ideate: 12s\n")
CODE = "CARRY7"
tmux = tmux_on(f"ideate-carry-{os.getpid()}")
processes = []


BOX, PROXY, WEB = free_port(), free_port(), free_port()


def followup_screen():
    return tmux("capture-pane", "-p", "-t", "followup")


def receipts():
    with sqlite3.connect(f"file:{portfolio}?mode=ro", uri=True) as database:
        return database.execute("SELECT r.proof, r.subject, b.text FROM receipt r JOIN backlog_idea b ON r.subject = 'B' || b.id "
                                "ORDER BY b.text").fetchall()


checks = []
driver = None
try:
    sent_to_box = start_recording_proxy(PROXY, BOX)  # the bytes the browser sent on each connection to the box
    box = subprocess.Popen([IDEATE, "box", "--portfolio", portfolio, "--bind", "127.0.0.1", "--web-port", str(BOX)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    processes.append(box)
    assert "open at" in box.stdout.readline(), "the box did not start"
    # The box records where it answers; the phone is to reach it through the recording proxy.
    wait(lambda: sqlite3.connect(portfolio).execute("SELECT value FROM setting WHERE name = 'box_address'").fetchone(),
         "the box's address in the portfolio")
    with sqlite3.connect(portfolio) as database:
        recorded = database.execute("SELECT value FROM setting WHERE name = 'box_address'").fetchone()[0]
        assert recorded == f"http://127.0.0.1:{BOX}/", recorded
        database.execute("UPDATE setting SET value = ? WHERE name = 'box_address'", (f"http://127.0.0.1:{PROXY}/",))
    checks.append(f"the box recorded its address in the portfolio ({recorded})")

    connection = http.client.HTTPConnection("127.0.0.1", BOX, timeout=10)
    connection.request("POST", "/ideas", json.dumps({"text": "A second packing table at peak hours", "proof": "7" * 64}),
                       {"Content-Type": "application/json"})
    answer = connection.getresponse()
    boxed = json.loads(answer.read())["id"]
    assert answer.status == 200, answer.status
    taken = subprocess.run([IDEATE, "portfolio", "take", boxed, "--portfolio", portfolio], capture_output=True, text=True)
    assert taken.returncode == 0, taken.stderr
    checks.append(f"an idea sent to the box ({boxed}) was taken to the next workshop")

    workshop = subprocess.Popen([IDEATE, "run", plan, "--headless", "--run", run_file, "--port", "0", "--ssh-port", "0",
                                 "--web-port", str(WEB), "--code", CODE, "--portfolio", portfolio],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=PROJECT)
    processes.append(workshop)
    driver = browser(360, 740, mobile=True)
    wait(lambda: socket.create_connection(("127.0.0.1", WEB), timeout=1).close() or True, "the workshop's page")
    driver.get(f"http://127.0.0.1:{WEB}/#{CODE}")
    ideas = ["Label the shelves by truck route", "Tape guns on every table"]
    for idea in ideas:
        wait(lambda: driver.find_element(By.ID, "idea").is_displayed() and driver.find_element(By.ID, "send").is_enabled(), "the idea box")
        driver.find_element(By.ID, "idea").send_keys(idea)
        driver.find_element(By.ID, "send").click()
    wait(lambda: text(driver, "mine-list").count("saved ✓") == 2, "both ideas saved")
    wait(lambda: driver.find_element(By.ID, "follow").is_displayed(), "the end screen's way to the idea box", seconds=40)
    link = driver.find_element(By.ID, "follow-link").get_attribute("href")
    assert link.startswith(f"http://127.0.0.1:{PROXY}/#ideas="), link
    carried = json.loads(urllib.parse.unquote(link.split("#ideas=", 1)[1]))
    assert carried["w"] == "Packing hall ideas" and sorted(entry["t"] for entry in carried["ideas"]) == sorted(ideas), carried
    proofs = {entry["t"]: entry["p"] for entry in carried["ideas"]}
    assert all(re.fullmatch(r"[0-9a-f]{64}", proof) for proof in proofs.values()) and len(set(proofs.values())) == 2, proofs
    checks.append("the end screen links to the box with both ideas' texts and two different receipts in the fragment")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    violations = [f"{v['id']} ({v['impact']})" for v in results["violations"]]
    assert results.get("passes") and not violations, f"axe-core on the end screen: {violations}"
    checks.append(f"axe-core: no violation on the end screen with its way to the box ({len(results['passes'])} rules passed)")
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, "workshop-end-360x740.png"))

    workshop.wait(timeout=30)
    stored = [row for row in receipts() if row[2] in ideas]
    assert [(row[0], row[2]) for row in stored] == sorted(((proofs[t], t) for t in ideas), key=lambda pair: pair[1]), stored
    numbers = {row[2]: row[1] for row in stored}
    checks.append(f"the finished run is in the portfolio with each idea's receipt under its number ({', '.join(numbers.values())})")
    with sqlite3.connect(f"file:{portfolio}?mode=ro", uri=True) as database:
        fate = database.execute("SELECT fate FROM backlog_idea WHERE id = ?", (int(boxed[1:]),)).fetchone()[0]
        copies = database.execute("SELECT COUNT(*) FROM backlog_idea WHERE text = 'A second packing table at peak hours'").fetchone()[0]
        notes = [row[0] for row in database.execute("SELECT note FROM history WHERE subject = ?", (boxed,))]
    assert fate == "kept" and copies == 1 and "in the workshop “Packing hall ideas”" in notes, (fate, copies, notes)
    with open(os.path.splitext(run_file)[0] + ".md") as minutes:
        assert f"A second packing table at peak hours *(from the idea box, {boxed})*" in minutes.read()
    checks.append(f"the round started with {boxed}; after the workshop it is kept under its own number, the workshop in its history, "
                  "marked in the minutes as from the box")

    driver.find_element(By.ID, "follow-link").click()
    wait(lambda: all(idea in text(driver, "mine-list") for idea in ideas), "both ideas under Your ideas on the box page")
    assert text(driver, "mine-list").count("From the workshop “Packing hall ideas”") == 2, text(driver, "mine-list")
    assert driver.execute_script("return location.hash") == "", "the receipts stay in the address bar"
    assert not driver.find_elements(By.CSS_SELECTOR, "#mine-list button"), "a workshop idea cannot be withdrawn from the box"
    checks.append("one tap: the box page follows both ideas, from the workshop, and the fragment is gone from the address bar")

    # The reviewer answers one of them on the follow-up screen.
    answered = numbers[ideas[0]]
    tmux("new-session", "-d", "-s", "followup", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color",
         "-e", f"IDEATE_THEMES={PROJECT}/themes", f"{IDEATE} followup --portfolio {portfolio}")
    wait(lambda: answered in followup_screen(), "the workshop's idea on the follow-up screen")
    move_cursor_to(answered, followup_screen, lambda key: tmux("send-keys", "-t", "followup", key))
    tmux("send-keys", "-t", "followup", "k")
    wait(lambda: f"{answered}: kept" in followup_screen(), "the keep form")
    tmux("send-keys", "-t", "followup", "-l", "Good one: the shelves get <b>route</b> labels in January. <img src=x onerror=alert(1)>")
    tmux("send-keys", "-t", "followup", "C-s")
    wait(lambda: "its author will read the answer" in followup_screen(), "the answer saved")
    tmux("send-keys", "-t", "followup", "q")
    checks.append(f"the reviewer kept {answered} with an answer on the follow-up screen")

    driver.refresh()
    wait(lambda: "the shelves get <b>route</b> labels in January. <img src=x onerror=alert(1)>" in text(driver, "mine-list"),
         "the answer on the phone, as typed")
    assert "Kept in the backlog for later." in text(driver, "mine-list")
    assert not driver.find_elements(By.CSS_SELECTOR, "#mine-list b, #mine-list img, #board-list b, #board-list img"), \
        "an answer's markup stays text"
    item = [node.text for node in driver.find_elements(By.CSS_SELECTOR, "#mine-list li") if ideas[0] in node.text][0]
    assert item.startswith(answered), f"the idea's number once it has news: {item!r}"
    checks.append(f"after a reload the phone reads the answer under {answered}, its markup shown as text")
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, "workshop-to-box-360x740.png"))

    everything = b"".join(bytes(record) for record in sent_to_box).decode("latin-1")
    assert "GET /fates" in everything, "the phone fetched fates"
    for proof in proofs.values():
        assert proof not in everything, "a receipt went to the box"
    checks.append(f"the {len(sent_to_box)} connection(s) the phone opened to the box carry no receipt: the fragment stayed on the phone")
    print("\n".join("✓ " + check for check in checks))
    sys.exit(0)
except AssertionError as failure:
    print("\n".join("✓ " + check for check in checks))
    print(f"✘ {failure}")
    if driver:
        try:
            print("page:\n" + driver.find_element(By.TAG_NAME, "body").text)
        except Exception:
            pass
    print("follow-up screen:\n" + followup_screen())
    sys.exit(1)
finally:
    if driver:
        driver.quit()
    tmux("kill-server")
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()
    shutil.rmtree(work, ignore_errors=True)
