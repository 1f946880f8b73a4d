#!/usr/bin/env python3
"""The phone page end to end, as a participant and a facilitator would use it.

The facilitator's console runs in tmux (120x36); its lobby's QR code is read back with zbarimg
and must be the page's address with the join code. Headless Chromium, driven by selenium with
the driver from PATH and nothing fetched from the internet, opens that address at phone size:
it joins from the code in the fragment, sends ideas (CJK, emoji, an HTML/script attempt that
must stay text), sees "saved ✓", keeps its own ideas across a reload, says "I'm done" (the console counts it, the
count survives the restart, the phone takes it back), keeps typing while the
server is killed and restarted with --resume (the page reconnects and resends; the run holds
the idea once), places a dot, and sees the results. The page must stay within 30 KB and never
ask for anything but itself and its WebSocket.

usage: phone_page.py IDEATE_BINARY [SCREENSHOT_FOLDER]
Exits 0 when every check holds; otherwise prints what failed and the screens, and exits 1.
"""
import json, os, shutil, sqlite3, subprocess, sys, time, urllib.request

from harness import browser as harness_browser, free_port, report_failure, script_setup, text, wait
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

IDEATE, SHOTS, PROJECT, work, run, tmux = script_setup("phone")
CODE = "PHONE7"


PORT, WEB = free_port(), free_port()
URL = f"http://127.0.0.1:{WEB}/#{CODE}"


def screen():
    return tmux("capture-pane", "-p", "-t", "console")


def start_console(resume=False):
    command = (f"{IDEATE} run sessions/quick-start.yaml --run {run} --port {PORT} --ssh-port 0 --web-port {WEB} "
               f"--public-address 127.0.0.1 --code {CODE}" + (" --resume" if resume else ""))
    tmux("new-session", "-d", "-s", "console", "-x", "120", "-y", "36", "-c", PROJECT, "-e", "LANG=C.UTF-8",
         "-e", "TERM=xterm-256color", command)


def press(*keys):
    tmux("send-keys", "-t", "console", *keys)


def qr_from_lobby():
    """The lobby's half blocks as an image (one module wide, two high per character), read by zbarimg."""
    lines = screen().split("\n")
    scale, margin = 6, 8
    width = max(len(line) for line in lines) + 2 * margin
    height = 2 * len(lines) + 2 * margin
    pixels = bytearray([255]) * (width * scale * height * scale)
    for y, line in enumerate(lines):
        for x, char in enumerate(line):
            for half, dark in ((0, char in "█▀"), (1, char in "█▄")):
                if not dark:
                    continue
                for dy in range(scale):
                    row = ((margin + 2 * y + half) * scale + dy) * width * scale
                    start = row + (margin + x) * scale
                    pixels[start:start + scale] = b"\0" * scale
    image = os.path.join(work, "lobby.pgm")
    with open(image, "wb") as file:
        file.write(b"P5\n%d %d\n255\n" % (width * scale, height * scale) + bytes(pixels))
    return subprocess.run(["zbarimg", "--raw", "-q", image], capture_output=True, text=True).stdout.strip()


def browser(width, height, mobile):
    return harness_browser(width, height, mobile, logging=True)


def send_idea(driver, idea):
    box = driver.find_element(By.ID, "idea")
    box.send_keys(idea)
    driver.find_element(By.ID, "send").click()


def ideas_in_run():
    with sqlite3.connect(f"file:{run}?mode=ro", uri=True) as database:
        return [json.loads(payload) for (payload,) in database.execute("SELECT payload FROM event")]


checks = []
driver = None
try:
    start_console()
    wait(lambda: "Press n to start the first round." in screen(), "the lobby")
    decoded = qr_from_lobby()
    assert decoded == URL, f"the lobby's QR code says {decoded!r}, not {URL!r}"
    checks.append("the lobby's QR code reads back as " + URL)

    page = urllib.request.urlopen(f"http://127.0.0.1:{WEB}/", timeout=5)
    body = page.read()
    policy = page.headers["Content-Security-Policy"]
    assert len(body) <= 30 * 1024, f"the page weighs {len(body)} bytes"
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy, policy
    assert page.headers.get("Set-Cookie") is None, "the page sets no cookie"
    checks.append(f"the page is {len(body)} bytes, sets no cookie, and is served with a strict policy")

    driver = browser(320, 640, mobile=True)
    driver.get(URL.replace(CODE, "WRONG9"))
    wait(lambda: "Wrong code" in text(driver, "join-problem"), "a wrong code said so")
    field = driver.find_element(By.ID, "code")
    field.clear()
    field.send_keys(CODE.lower())
    driver.find_element(By.CSS_SELECTOR, "#join-form button").click()
    wait(lambda: driver.find_element(By.ID, "lobby").is_displayed(), "the page join with the retyped code")
    assert driver.current_url.endswith("#" + CODE), driver.current_url
    checks.append("a wrong code in the address is said so; the retyped one joins")
    driver.quit()

    driver = browser(320, 640, mobile=True)
    opened = time.monotonic()
    driver.get(URL)
    wait(lambda: driver.find_element(By.ID, "lobby").is_displayed(), "the page join from the fragment")
    checks.append(f"joined from the fragment in {(time.monotonic() - opened) * 1000:.0f} ms")
    wait(lambda: "2 joined" in screen(), "the console count both phones")

    press("n")
    wait(lambda: driver.find_element(By.ID, "idea").is_displayed(), "the text box")
    hostile = "<img src=x onerror=alert(1)><script>alert(2)</script> & \u202eevil"
    for idea in ["会議を短くする 🚀", hostile]:
        send_idea(driver, idea)
    wait(lambda: text(driver, "mine-list").count("saved ✓") == 2, "two ideas saved")
    try:
        driver.switch_to.alert
        raise AssertionError("the HTML in an idea ran as a script")
    except NoAlertPresentException:
        pass
    shown = [item.text for item in driver.find_elements(By.CSS_SELECTOR, "#mine-list .text")]
    assert shown[0] == "会議を短くする 🚀" and shown[1].startswith("<img src=x onerror=alert(1)>"), shown
    assert not driver.find_elements(By.CSS_SELECTOR, "#mine-list img, #mine-list script"), "no element was made from an idea"
    assert "\u202e" not in shown[1] and shown[1].endswith("& evil"), f"a direction override reached the page: {shown[1]!r}"
    checks.append("CJK, emoji and an HTML/script attempt saved and shown as text")
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, "phone-320x640.png"))

    driver.find_element(By.CSS_SELECTOR, "#mine-list li button").click()
    box = driver.find_element(By.ID, "idea")
    box.send_keys(" — shorter stand-ups")
    driver.find_element(By.ID, "send").click()
    wait(lambda: "会議を短くする 🚀 — shorter stand-ups" in text(driver, "mine-list")
         and text(driver, "mine-list").count("saved ✓") == 2, "the edit saved")
    checks.append("an own idea edited from the phone")

    driver.refresh()
    wait(lambda: text(driver, "mine-list").count("saved ✓") == 2 and "shorter stand-ups" in text(driver, "mine-list"),
         "the own ideas after a reload")
    checks.append("a reload keeps the participant and their own ideas")

    driver.find_element(By.ID, "done").click()
    wait(lambda: "1 of 2 done" in screen(), "the console count the phone as done")
    wait(lambda: driver.find_element(By.ID, "done-said").is_displayed() and text(driver, "done") == "I have more after all",
         "the phone say it is done")
    checks.append("\"I'm done\" from the phone: the console counts 1 of 2, the phone can take it back")

    # The server goes away while the participant types; it comes back with --resume.
    tmux("kill-server")
    subprocess.run(["pkill", "-KILL", "-f", "--", f"--web-port {WEB} "])
    wait(lambda: "connected" != text(driver, "connection"), "the page notice the server is gone")
    send_idea(driver, "Sent while the server was down")
    wait(lambda: "sending…" in text(driver, "mine-list"), "the idea wait as sending…")
    start_console(resume=True)
    wait(lambda: "Sent while the server was down" in text(driver, "mine-list")
         and text(driver, "mine-list").count("saved ✓") == 3, "the page reconnect and resend", seconds=30)
    stored = [event for event in ideas_in_run() if "Sent while the server was down" in json.dumps(event, ensure_ascii=False)]
    assert len(stored) == 1, f"the resent idea is in the run {len(stored)} times"
    checks.append("the page reconnected after the server was killed and restarted; the resent idea was stored once")
    wait(lambda: "1 of 2 done" in screen(), "the resumed console keep the count")
    driver.find_element(By.ID, "done").click()
    wait(lambda: "of 2 done" not in screen() and text(driver, "done") == "I'm done", "the phone take its \"done\" back")
    checks.append("the count survived the restart; taken back from the phone, it is gone from the console")

    wait(lambda: "paused" in screen().lower(), "the resumed console")
    press("t")
    press("n")
    wait(lambda: "End “Ideation” now" in screen(), "the confirmation")
    press("y")
    wait(lambda: "Grouping" in screen(), "grouping")
    press("n")
    wait(lambda: "End “Grouping” now" in screen(), "the confirmation")
    press("y")
    wait(lambda: driver.find_element(By.ID, "ballot").is_displayed(), "the ballot on the phone")
    wait(lambda: "3 of 3 dots left" in text(driver, "dots"), "three dots")
    driver.find_element(By.CSS_SELECTOR, "#wall li button").click()
    wait(lambda: "2 of 3 dots left" in text(driver, "dots"), "a dot placed")
    checks.append("a dot placed from the phone")
    press("x")
    wait(lambda: driver.find_element(By.ID, "results").is_displayed(), "the results on the phone")
    assert "★" in text(driver, "results-list"), text(driver, "results-list")
    checks.append("the results with the shortlist")
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, "phone-results-320x640.png"))

    requests = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    hosts = {event["params"]["request"]["url"].split("/")[2] for event in requests
             if event["method"] == "Network.requestWillBeSent"}
    hosts |= {event["params"]["request"]["url"].split("/")[2] if "request" in event["params"] else "" for event in requests
              if event["method"] == "Network.webSocketCreated"}
    hosts.discard("")
    assert hosts <= {f"127.0.0.1:{WEB}"}, f"the page asked elsewhere: {hosts}"
    checks.append("nothing was asked of any other host")
    if SHOTS:
        desktop = browser(1280, 800, mobile=False)
        desktop.get(URL)
        wait(lambda: desktop.find_element(By.ID, "results").is_displayed(), "the results on a desktop")
        desktop.save_screenshot(os.path.join(SHOTS, "phone-page-1280x800.png"))
        desktop.quit()
    print("\n".join("ok  " + check for check in checks))
except Exception as error:  # report everything a reader needs, then fail
    report_failure(checks, error, {"console": screen}, driver)
finally:
    if driver:
        driver.quit()
    tmux("kill-server")
    subprocess.run(["pkill", "-KILL", "-f", "--", f"--web-port {WEB} "])
    shutil.rmtree(work, ignore_errors=True)
