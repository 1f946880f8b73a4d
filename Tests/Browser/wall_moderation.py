#!/usr/bin/env python3
"""The wall and the console side by side, with moderation, as a room would use them.

A plan with moderation: true runs with --wall: the console (tmux, 120x36) is the facilitator's
own screen; the wall is opened on "the projector's terminal" with the real OpenSSH client
(tmux, 100x30); one participant joins over ssh, another from a phone (headless Chromium at
phone size). Both send ideas: each is told "saved, waiting for the facilitator"; nothing
reaches the wall until the facilitator lets it through on the console (one key per idea), a
held-back idea never reaches the wall or anyone's screen, and the minutes count it. "I'm done"
from the phone and from ssh shows as "2 of 2 done" on wall and console. Both vote, then rate the
shortlist's impact and effort (the phone's buttons, two digits over ssh): hidden until the rating
closes, then the 2×2 on the wall, the figures on the phone, a table and chart in the minutes.

usage: wall_moderation.py IDEATE_BINARY [SCREENSHOT_FOLDER]
Exits 0 when every check holds; otherwise prints what failed and the screens, and exits 1.
"""
import os, shutil, sys

from harness import browser, free_port, report_failure, screenshot, script_setup, text, wait
from selenium.webdriver.common.by import By

IDEATE, SHOTS, PROJECT, work, run, tmux = script_setup("wall")
CODE, WALL = "SAFE42", "wall-room-test"
PORT, SSH, WEB = free_port(), free_port(), free_port()
SSH_CLIENT = (f"ssh -p {SSH} -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile={work}/known_hosts "
              f"-o LogLevel=ERROR")


def screen(name):
    return tmux("capture-pane", "-p", "-t", name)


def press(name, *keys):
    tmux("send-keys", "-t", name, *keys)


def typed(name, words):
    tmux("send-keys", "-t", name, "-l", words)


def window(name, width, height, command):
    tmux("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-c", PROJECT, "-e", "LANG=C.UTF-8",
         "-e", "TERM=xterm-256color", command)


checks = []
driver = None
try:
    window("console", 120, 36,
           f"{IDEATE} run sessions/moderated-retro.yaml --run {run} --port {PORT} --ssh-port {SSH} --web-port {WEB} "
           f"--ssh-host-key {work}/host_key --public-address 127.0.0.1 --code {CODE} --wall-code {WALL} "
           f"--portfolio {work}/portfolio.sqlite")
    wait(lambda: f"ssh -p {SSH} {WALL}@127.0.0.1" in screen("console"), "the console name the wall")
    window("wall", 100, 30, f"{SSH_CLIENT} {WALL}@127.0.0.1")
    wait(lambda: "q leave" in screen("wall") and CODE[0] + " " + CODE[1] in screen("wall"), "the wall's lobby")
    wait(lambda: "1 wall attached" in screen("console"), "the console count the wall")
    assert WALL not in screen("wall"), "the wall does not show its own code"
    checks.append("the wall opened over ssh shows the lobby with the join code, never its own code; the console counts it")

    window("alice", 80, 24, f"{SSH_CLIENT} {CODE.lower()}@127.0.0.1")
    wait(lambda: "You are in" in screen("alice"), "the ssh participant in the lobby")
    driver = browser(360, 740, mobile=True)
    driver.get(f"http://127.0.0.1:{WEB}/#{CODE}")
    wait(lambda: driver.find_element(By.ID, "lobby").is_displayed(), "the phone in the lobby")
    wait(lambda: "2 joined" in screen("wall"), "the wall count two people")
    press("console", "n")
    wait(lambda: "Ideation" in screen("wall"), "ideation on the wall")

    wait(lambda: "Your idea:" in screen("alice"), "the ssh participant's text box")
    typed("alice", "Kim always blocks the release")
    press("alice", "Enter")
    wait(lambda: "saved, waiting for the" in screen("alice") and "facilitator ✓" in screen("alice"), "the ssh participant told the truth")
    box = driver.find_element(By.ID, "idea")
    wait(lambda: box.is_displayed(), "the phone's text box")
    for idea in ["One release checklist for everybody", "Release on Tuesdays, not Fridays"]:
        box.send_keys(idea)
        driver.find_element(By.ID, "send").click()
    wait(lambda: text(driver, "mine-list").count("saved, waiting for the facilitator") == 2, "the phone told the truth")
    checks.append("ssh and phone authors read \"saved, waiting for the facilitator\"")
    wait(lambda: "3 ideas waiting for you" in screen("console"), "the console's queue")
    assert "waiting for you" not in screen("wall") and "Kim" not in screen("wall"), screen("wall")
    checks.append("three ideas wait in the console's queue; the wall shows none of them")
    if SHOTS:
        screenshot(driver, SHOTS, "phone-held-360x740")

    press("console", "b")
    wait(lambda: "2 ideas waiting for you" in screen("console"), "the first idea held back")
    press("console", "y")
    press("console", "y")
    wait(lambda: "waiting for you" not in screen("console"), "the queue emptied")
    checks.append("one key per idea: b held the first back, y let the others through")

    press("alice", "C-d")
    driver.find_element(By.ID, "done").click()
    wait(lambda: "2 of 2 done" in screen("wall") and "2 of 2 done" in screen("console"), "both done on wall and console")
    checks.append("\"I'm done\" from ssh and from the phone: 2 of 2 done on the wall and the console")

    press("console", "n")
    wait(lambda: "End “Ideation” now" in screen("console"), "the confirmation")
    press("console", "y")
    wait(lambda: "One release checklist for everybody" in screen("wall") and "Release on Tuesdays" in screen("wall"),
         "the let-through ideas on the wall")
    wall_text = screen("wall")
    assert "Kim" not in wall_text, f"a held-back idea reached the wall:\n{wall_text}"
    wait(lambda: driver.find_element(By.ID, "grouping").is_displayed(), "grouping on the phone")
    assert "Kim" not in text(driver, "grouping-wall"), text(driver, "grouping-wall")
    wait(lambda: "Release on Tuesdays" in screen("alice"), "grouping on the ssh participant's screen")
    assert "Kim" not in screen("alice").split("Your ideas")[0], screen("alice")
    checks.append("the let-through ideas reach the wall, the phone and the ssh screen; the held-back one reaches none")
    if SHOTS:
        with open(os.path.join(SHOTS, "wall-group-100x30.txt"), "w") as file:
            file.write(wall_text)

    # The vote: both place a dot on the same idea, so it leads the shortlist.
    press("console", "n")
    wait(lambda: "y  yes" in screen("console"), "the confirmation to end grouping")
    press("console", "y")
    wait(lambda: driver.find_element(By.ID, "ballot").is_displayed(), "the ballot on the phone")
    checklist = [item for item in driver.find_elements(By.CSS_SELECTOR, "#wall li") if "checklist" in item.text][0]
    checklist.find_element(By.TAG_NAME, "button").click()
    wait(lambda: "2 of 3 dots left" in text(driver, "dots"), "the phone's dot")
    wait(lambda: "One release checklist" in screen("alice"), "the ballot over ssh")
    rows = screen("alice").split("\n")
    presses = [index for index, row in enumerate(rows) if "checklist" in row][0] - [index for index, row in enumerate(rows) if "Release on Tuesdays" in row or "checklist" in row][0]
    for _ in range(presses):
        press("alice", "Down")
    press("alice", "Space")
    wait(lambda: "1 of 2 have voted" in screen("console") or "2 of 2 have voted" in screen("console"), "the votes counted")
    press("console", "x")
    wait(lambda: "Results" in screen("wall") or "★" in screen("wall"), "the results on the wall")
    press("console", "n")
    wait(lambda: "Impact and effort" in screen("wall"), "the rating on the wall")
    checks.append("both voted; the vote closed and the rating opened on the wall")

    # Impact and effort: the phone with its buttons, the ssh participant with two digits.
    wait(lambda: driver.find_element(By.ID, "rating").is_displayed(), "the rating on the phone")
    for axis, value in ((0, 5), (1, 1)):  # each choice redraws the list: find the buttons again
        group = driver.find_elements(By.CSS_SELECTOR, "#rate-list li")[0].find_elements(By.CSS_SELECTOR, "[role=group]")[axis]
        group.find_elements(By.TAG_NAME, "button")[value - 1].click()
    wait(lambda: "Rate each idea" in screen("alice"), "the rating over ssh")
    typed("alice", "51")
    wait(lambda: "2 of 2 have rated" in screen("console"), "both ratings counted")
    assert "spread" not in screen("wall"), "figures hidden while people rate"
    if SHOTS:
        screenshot(driver, SHOTS, "phone-rating-360x740")
    press("console", "x")
    wait(lambda: "quick wins" in screen("wall") and "impact 5 (spread 0)" in screen("wall"), "the 2x2 on the wall")
    wait(lambda: driver.find_element(By.ID, "rated").is_displayed() and "impact 5" in text(driver, "rated-list"), "the figures on the phone")
    checks.append("impact and effort from the phone and over ssh, hidden until closed; then the 2×2 on the wall and the figures on the phone")
    if SHOTS:
        with open(os.path.join(SHOTS, "wall-rating-100x30.txt"), "w") as file:
            file.write(screen("wall"))

    for _ in range(6):
        if "thank you" in screen("wall").lower():
            break
        header = screen("console").split("\n")[0]
        press("console", "n")
        wait(lambda: "y  yes" in screen("console") or screen("console").split("\n")[0] != header, "a confirmation or the next phase")
        if "y  yes" in screen("console"):
            press("console", "y")
        wait(lambda: "y  yes" not in screen("console"), "the next phase")
    wait(lambda: "thank you" in screen("wall").lower(), "the end on the wall")
    wait(lambda: [name for name in os.listdir(work) if name.endswith(".md")], "the minutes written")
    minutes = open(os.path.join(work, [name for name in os.listdir(work) if name.endswith(".md")][0])).read()
    assert "1 idea was held back by the facilitator and never shown." in minutes, minutes
    assert "Kim" not in minutes, "the held-back text is not in the minutes"
    assert "### Impact and effort" in minutes and "```text" in minutes and "quick wins" in minutes, minutes
    checks.append("the minutes say 1 idea was held back and never show it, and carry the impact and effort table and chart")
    print("\n".join("ok  " + check for check in checks))
except Exception as error:  # report everything a reader needs, then fail
    report_failure(checks, error, {name: (lambda name=name: screen(name)) for name in ("console", "wall", "alice")}, driver)
finally:
    if driver:
        driver.quit()
    tmux("kill-server")
    shutil.rmtree(work, ignore_errors=True)
