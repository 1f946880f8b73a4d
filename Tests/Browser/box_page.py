#!/usr/bin/env python3
"""The idea box page end to end, as an employee and a reviewer would use it.

`ideate box` runs over a fresh portfolio with a standing question; every byte the browser sends
goes through a small recording proxy. Headless Chromium at phone size sends ideas (one with an
HTML/script attempt that must stay text), sees "Saved ✓" only once the box has them, keeps one
typed while the box is killed with SIGKILL and sends it once the box is back (the portfolio
holds it once), and withdraws one. The reviewer decides with `ideate portfolio` (one declined
with an answer, one kept with an answer for its author only). After a reload the phone shows
both answers — the second opened from its sealed box — while another browser sees only the
first on "You said, we did". The bytes the phone sent while fetching fates name none of its
ideas: no number, proof or secret.

usage: box_page.py IDEATE_BINARY [SCREENSHOT_FOLDER]
Exits 0 when every check holds; otherwise prints what failed and the page, and exits 1.
"""
import json, os, re, shutil, sqlite3, subprocess, sys, tempfile, time

from harness import browser, free_port, move_cursor_to, report_failure, start_recording_proxy, text, tmux_on, wait
from axe_selenium_python import Axe  # noqa: E402
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

IDEATE = os.path.abspath(sys.argv[1])
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
work = tempfile.mkdtemp(prefix="ideate-box-")
portfolio = os.path.join(work, "portfolio.sqlite")
questions = os.path.join(work, "box.yaml")
with open(questions, "w") as file:
    file.write("title: Acme ideas\nquestions:\n  - id: delivery\n    text: What slows down order-to-delivery?\n    until: 2099-12-31\n")


BOX, PROXY = free_port(), free_port()
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
tmux = tmux_on(f"ideate-box-{os.getpid()}")
URL = f"http://127.0.0.1:{PROXY}/"
box_process = None


def start_box():
    global box_process
    box_process = subprocess.Popen([IDEATE, "box", "--portfolio", portfolio, "--questions", questions, "--bind", "127.0.0.1",
                                    "--web-port", str(BOX)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = box_process.stdout.readline()
    assert "open at" in line, f"the box said {line!r}"


def send_idea(driver, idea, question=None):
    if question is not None:
        driver.find_element(By.CSS_SELECTOR, f"input[name=question][value='{question}']").click()
    field = driver.find_element(By.ID, "idea")
    field.send_keys(idea)
    driver.find_element(By.ID, "send").click()


def saved_number(driver):
    wait(lambda: re.search(r"Saved ✓ as (B\d+)", text(driver, "compose-status")), "saved ✓ with a number")
    return re.search(r"Saved ✓ as (B\d+)", text(driver, "compose-status")).group(1)


def box_ideas():
    with sqlite3.connect(f"file:{portfolio}?mode=ro", uri=True) as database:
        return database.execute("SELECT b.id, b.text, b.fate, b.arrival_week, r.proof FROM backlog_idea b "
                                "LEFT JOIN receipt r ON r.subject = 'B' || b.id ORDER BY b.id").fetchall()


def followup_screen():
    return tmux("capture-pane", "-p", "-t", "followup")


def accessibility(driver, screen):
    """axe-core over the whole page: the rules it checked, or an AssertionError naming each violation."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    assert isinstance(results, dict) and results.get("passes"), f"axe-core did not run on {screen}"
    violations = [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'])}" for v in results["violations"]]
    assert not violations, f"axe-core on {screen}: " + "; ".join(violations)
    return len(results["passes"])


def ideate(*arguments):
    result = subprocess.run([IDEATE, "portfolio", *arguments, "--portfolio", portfolio], capture_output=True, text=True)
    assert result.returncode == 0, f"ideate portfolio {' '.join(arguments)}: {result.stderr}"
    return result.stdout


checks = []
driver = other = None
try:
    sent_by_browser = start_recording_proxy(PROXY, BOX)  # per connection, the bytes the browser sent on it
    start_box()
    driver = browser(360, 740, mobile=True)
    driver.get(URL)
    wait(lambda: "What slows down order-to-delivery?" in text(driver, "questions"), "the standing question")
    assert "Acme ideas" in text(driver, "title")
    checks.append("the page shows the box's title and its standing question beside \"Anything else\"")

    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script> & \u202eevil"
    send_idea(driver, hostile)
    first = saved_number(driver)
    try:
        driver.switch_to.alert
        raise AssertionError("the HTML in an idea ran as a script")
    except NoAlertPresentException:
        pass
    assert not driver.find_elements(By.CSS_SELECTOR, "#mine-list img, #mine-list script"), "no element was made from an idea"
    send_idea(driver, "Pack orders by truck route", question="delivery")
    wait(lambda: saved_number(driver) != first, "the second idea saved")
    second = saved_number(driver)
    stored = box_ideas()
    assert {row[0] for row in stored} == {int(first[1:]), int(second[1:])}, stored
    assert all(row[2] == "new" and row[3] is not None and len(row[4]) == 64 for row in stored), stored
    weekday = [time.strptime(row[3], "%Y-%m-%d").tm_wday for row in stored]
    assert weekday == [0, 0], f"arrival kept only as the week's Monday: {stored}"
    wait(lambda: text(driver, "mine-list").count("New: waiting for the next review.") == 2, "both ideas new under Your ideas")
    checks.append(f"two ideas saved as {first} and {second}, shown as text, kept with their week's Monday only")

    # The box is killed while someone types; the idea waits on the phone and is sent once the box is back.
    box_process.kill()
    box_process.wait()
    send_idea(driver, "Sent while the box was down")
    wait(lambda: "Not sent yet" in text(driver, "compose-status"), "the idea kept as not sent yet")
    assert "not sent yet" in text(driver, "mine-list")
    start_box()
    driver.execute_script("window.dispatchEvent(new Event('online'))")
    wait(lambda: "Sent while the box was down" in text(driver, "mine-list") and "not sent yet" not in text(driver, "mine-list"),
         "the idea sent once the box was back", seconds=30)
    assert [row[1] for row in box_ideas()].count("Sent while the box was down") == 1
    checks.append("an idea typed while the box was killed (SIGKILL) was kept on the phone and stored once after the restart")

    third = [item.text.split("\n")[0] for item in driver.find_elements(By.CSS_SELECTOR, "#mine-list li")
             if "Sent while the box was down" in item.text][0]
    button = [item for item in driver.find_elements(By.CSS_SELECTOR, "#mine-list li") if item.text.startswith(third)][0]
    button.find_element(By.TAG_NAME, "button").click()
    wait(lambda: "withdrawn" in text(driver, "compose-status"), "the withdrawal confirmed")
    assert all(row[1] != "Sent while the box was down" for row in box_ideas()), "the withdrawn idea is gone from the portfolio"
    checks.append(f"{third} withdrawn from the phone: gone from the portfolio")

    # The reviewer declines the first idea on the follow-up screen (tmux), which opened on the box.
    tmux("new-session", "-d", "-s", "followup", "-x", "100", "-y", "30", "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color",
         "-e", f"IDEATE_THEMES={PROJECT}/themes", f"{IDEATE} followup --portfolio {portfolio}")
    wait(lambda: "New in the idea box (2)" in followup_screen() and "Idea box: 2 new" in followup_screen(), "the box on the follow-up screen")
    send_idea(driver, "Arrived while the review was open")
    saved_number(driver)
    wait(lambda: "Arrived while the review was open" in followup_screen(), "an arrival on the open follow-up screen", seconds=2)
    checks.append("the follow-up screen opened on the box and showed an idea sent while it was open within 2 s, with no key")
    # The week's ideas come in no kept order, so the cursor may sit above or below the first.
    move_cursor_to(first, followup_screen, lambda key: tmux("send-keys", "-t", "followup", key))
    tmux("send-keys", "-t", "followup", "x")
    wait(lambda: f"{first}: declined" in followup_screen(), "the decline form")
    tmux("send-keys", "-t", "followup", "-l", "The loading bay is a fire lane; we found another spot.")
    tmux("send-keys", "-t", "followup", "C-s")
    wait(lambda: f"{first} declined; its author will read the answer." in followup_screen(), "the decline saved")
    tmux("send-keys", "-t", "followup", "q")
    checks.append(f"the reviewer declined {first} with an answer on the follow-up screen")
    ideate("keep", second, "--answer", "Only for you: your team lead will try it in January.")
    ideate("board", second, "off")
    sent_by_browser.clear()
    driver.refresh()
    wait(lambda: "The loading bay is a fire lane" in text(driver, "mine-list"), "the first answer on the phone")
    wait(lambda: "Only for you: your team lead" in text(driver, "mine-list"), "the sealed answer opened on the phone")
    assert "Declined." in text(driver, "mine-list") and "Kept in the backlog for later." in text(driver, "mine-list")
    checks.append("after the reviewer's decisions the phone shows both answers, the off-board one opened from its seal")
    rules = accessibility(driver, "the phone (360x740) with its ideas and answers")
    checks.append(f"axe-core: no violation on the phone (360x740) with its ideas and answers ({rules} rules passed)")

    fetches = [bytes(record).decode("latin-1") for record in sent_by_browser if bytes(record).startswith(b"GET /fates")]
    assert fetches, "the phone fetched its fates"
    secrets = json.loads(driver.execute_script("return localStorage.getItem('ideate-box:' + location.host)"))
    own = [idea["id"] for idea in secrets["ideas"]]
    forbidden = own + [idea["secret"] for idea in secrets["ideas"]] + [idea["receipt"] for idea in secrets["ideas"]] \
        + [row[4] for row in box_ideas() if row[4]]
    for fetch in fetches:
        request_line = fetch.split("\r\n")[0]
        assert re.fullmatch(r"GET /fates\?n=\d+&b=[\d,]+ HTTP/1\.1", request_line), request_line
        for value in forbidden:
            assert value not in fetch, f"a fates request named {value}: {fetch!r}"
    everything = b"".join(bytes(record) for record in sent_by_browser).decode("latin-1")
    for value in forbidden:
        assert value not in everything, f"the phone sent {value} after the reload"
    checks.append(f"the {len(fetches)} fates request(s) after the reload name buckets only: none of {', '.join(own)}, no receipt, proof or secret")
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, "box-phone-360x740.png"))

    other = browser(1280, 800, mobile=False)
    other.get(URL)
    wait(lambda: "The loading bay is a fire lane" in text(other, "board-list"), "the decision on another browser's board")
    board = text(other, "board-list")
    assert "Only for you" not in board and "Pack orders by truck route" not in board, board
    assert not other.find_element(By.ID, "mine").is_displayed(), "another browser has no ideas of its own"
    checks.append("another browser sees the declined idea and its answer on \"You said, we did\", not the off-board one")
    rules = accessibility(other, "the desktop (1280x800) with the board")
    checks.append(f"axe-core: no violation on the desktop (1280x800) with the board ({rules} rules passed)")
    if SHOTS:
        other.save_screenshot(os.path.join(SHOTS, "box-desktop-1280x800.png"))
    poster = os.path.join(work, "poster.html")
    made = subprocess.run([IDEATE, "box", "poster", "-o", poster, "--questions", questions, "--address", URL], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    other.set_window_size(900, 1300)
    other.get("file://" + poster)
    image = os.path.join(SHOTS or work, "box-poster.png")
    other.save_screenshot(image)
    decoded = subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True).stdout.strip()
    assert decoded == URL, f"the poster's QR code says {decoded!r}, not {URL!r}"
    assert "What slows down order-to-delivery?" in other.find_element(By.TAG_NAME, "body").text
    checks.append("the poster's QR code reads back (zbarimg) as the box's address; it shows the standing question")
    print("\n".join("ok  " + check for check in checks))
except Exception as error:  # report everything a reader needs, then fail
    report_failure(checks, error, {"follow-up screen": followup_screen}, driver)
finally:
    for browser_driver in (driver, other):
        if browser_driver:
            browser_driver.quit()
    if box_process and box_process.poll() is None:
        box_process.kill()
    tmux("kill-server")
    shutil.rmtree(work, ignore_errors=True)
