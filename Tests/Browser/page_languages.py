#!/usr/bin/env python3
"""The phone page in the room's and the phone's languages, as a browser sees it.

A headless run in German (`--language de`). Chromium with `--lang=fr` gets the page in French
(words, the document's language, numbers, plurals by French rules: 0 and 1 singular), joins,
sends an idea and reads it saved in French; a refusal the server words arrives in French too.
The language switch reloads the page in German and the phone carries on as the same
participant. Chromium with `--lang=nl` gets Dutch; a browser asking only for Japanese gets the
room's German. Each language's page weighs at most 30 KB. The pseudo-locale at 360 px shows no
English sentence of ideate's and nothing wider than the screen. Screenshots go to argv[2] when
given.

Usage: python3 Tests/Browser/page_languages.py PATH/TO/ideate [SCREENSHOT_FOLDER]
"""
import os, re, subprocess, sys, tempfile

from harness import browser, fetch, free_port, page_weights, screenshot, text, wait
from selenium.webdriver.common.by import By  # noqa: E402

IDEATE = os.path.abspath(sys.argv[1])
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
work = tempfile.mkdtemp(prefix="ideate-lang-")
CODE = "LANG42"
PORT, WEB = free_port(), free_port()
BASE = f"http://127.0.0.1:{WEB}/"


checks = []
server = subprocess.Popen([IDEATE, "run", "sessions/quick-start.yaml", "--headless", "--language", "de", "--run", os.path.join(work, "run.sqlite"),
                           "--port", str(PORT), "--ssh-port", "0", "--web-port", str(WEB), "--code", CODE,
                           "--portfolio", os.path.join(work, "portfolio.sqlite")],
                          cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
drivers = []
try:
    wait(lambda: fetch(BASE) is not None, "the web server", seconds=30)

    for language, size in page_weights(BASE, "page").items():
        checks.append(f"the {language} page weighs {size:,} bytes (≤ 30 KB) and says its language")
    japanese, _ = fetch(BASE, {"Accept-Language": "ja-JP,ja;q=0.9"})
    assert '<html lang="de">' in japanese and "Dem Workshop beitreten" in japanese, "a language ideate lacks gets the room's"
    checks.append("a browser asking only for Japanese gets the room's German")

    # French: words, plural rules, saved in French, a refusal the server words in French.
    french = browser(412, 915, True, language="fr")
    drivers.append(french)
    french.get(BASE + "#" + CODE)
    wait(lambda: french.execute_script("return document.documentElement.lang") == "fr", "the page in French")
    wait(lambda: text(french, "idea-label") == "Votre idée", "the French text box")
    assert french.find_element(By.ID, "send").text == "Envoyer"
    plural = lambda n: french.execute_script("return window.ideateText('page.result', {idea: 'x', count: arguments[0]})", n)
    assert plural(0) == "x, 0 gommette" and plural(1) == "x, 1 gommette" and plural(2) == "x, 2 gommettes", [plural(0), plural(2)]
    assert plural(1000000) == "x, 1\u202f000\u202f000 de gommettes", plural(1000000)
    checks.append("French plurals on the page: 0 and 1 singular, 2 plural, 1 000 000 de gommettes (CLDR's many)")
    french.find_element(By.ID, "idea").send_keys("Moins de réunions")
    french.find_element(By.ID, "send").click()
    wait(lambda: "enregistrée ✓" in text(french, "mine-list"), "the idea saved, in French")
    french.execute_script("window.__socketProbe = new WebSocket('ws://' + location.host + '/ws');"
                          "window.__socketProbe.onmessage = (e) => { window.__answers = (window.__answers || []).concat([e.data]); };"
                          "window.__socketProbe.onopen = () => { window.__socketProbe.send(JSON.stringify({type: 'hello', version: 1, code: '%s', language: 'fr'}));"
                          " setTimeout(() => window.__socketProbe.send(JSON.stringify({type: 'vote', id: 'v1', idea: 'zzzzz'})), 300); };" % CODE)
    wait(lambda: any('"v1"' in answer for answer in french.execute_script("return window.__answers || []")), "the refused vote")
    refusal = next(answer for answer in french.execute_script("return window.__answers") if '"v1"' in answer)
    assert "Impossible dans cette phase" in refusal, refusal
    checks.append("a refusal worded by the server arrives in French: " + re.search(r'"message":"([^"]*)"', refusal).group(1))
    screenshot(french, SHOTS, "phone-fr-412")

    # The switch: German, the same participant.
    french.find_element(By.CSS_SELECTOR, "#languages a[lang=de]").click()
    wait(lambda: french.execute_script("return document.documentElement.lang") == "de", "the page in German")
    wait(lambda: "Moins de réunions" in text(french, "mine-list") and "gespeichert ✓" in text(french, "mine-list"), "the same phone's idea, in German")
    assert french.current_url.endswith("#" + CODE), french.current_url
    checks.append("the switch reloads the page in German; the phone keeps its code and its idea (gespeichert ✓)")

    dutch = browser(412, 915, True, language="nl")
    drivers.append(dutch)
    dutch.get(BASE + "#" + CODE)
    wait(lambda: text(dutch, "idea-label") == "Je idee", "the Dutch text box")
    dutch_plural = dutch.execute_script("return window.ideateText('page.result', {idea: 'x', count: 0})")
    assert dutch_plural == "x, 0 stippen", dutch_plural
    checks.append("Chromium --lang=nl reads the page in Dutch (\"x, 0 stippen\": 0 is plural in Dutch)")
    screenshot(dutch, SHOTS, "phone-nl-412")

    # The pseudo-locale at 360 px: no English sentence of ideate's, nothing wider than the screen.
    pseudo = browser(360, 740, True)
    drivers.append(pseudo)
    pseudo.get(BASE + "?lang=en-XA#" + CODE)
    wait(lambda: text(pseudo, "idea-label").startswith("["), "the pseudo-locale")
    pseudo.find_element(By.ID, "idea").send_keys("Shorter meetings")
    pseudo.find_element(By.ID, "send").click()
    wait(lambda: "✓" in text(pseudo, "mine-list"), "the idea saved")
    shown = pseudo.find_element(By.TAG_NAME, "body").text
    english = {"your", "idea", "send", "anonymous", "nobody", "judges", "ideas", "facilitator", "round", "left", "saved", "edit", "withdraw"}
    words = {word.lower() for word in re.findall(r"[A-Za-z]{4,}", shown)} - {"ideate", "shorter", "meetings", "quick", "start",
                                                                                 "small", "improvement", "what", "thing", "slows", "down",
                                                                                 "every", "week", "could", "remove", "deutsch", "english",
                                                                                 "fran", "nederlands", "espa"}
    assert not (words & english), f"English on the pseudo page: {sorted(words & english)}"
    width = pseudo.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360, f"the pseudo page is {width} px wide"
    checks.append("the pseudo-locale at 360 px: no English sentence of ideate's, nothing wider than the screen")
    screenshot(pseudo, SHOTS, "phone-pseudo-360")
finally:
    for driver in drivers:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)

for check in checks:
    print("ok:", check)
