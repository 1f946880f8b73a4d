#!/usr/bin/env python3
"""The idea box in the phone's language, else the box's own, as a browser sees it.

`ideate box --language es` over a fresh portfolio with a standing question. Chromium with
`--lang=fr` gets the page in French (words, the question's "until" date, the document's
language) and sends an idea, saved in French with its number; a refusal the box words (an idea
for a question the box no longer asks) comes back in French; the page's switch reloads it in
German and the idea is still this phone's. A browser asking only for Japanese gets the box's
Spanish. The poster written with `--language de` is German. The pseudo-locale at 360 px shows
no English sentence of ideate's and nothing wider than the screen. Each page ≤ 30 KB.

Usage: python3 Tests/Browser/box_languages.py PATH/TO/ideate [SCREENSHOT_FOLDER]
"""
import json, os, re, subprocess, sys, tempfile

from harness import browser, fetch, free_port, page_weights, screenshot, text, wait
from selenium.webdriver.common.by import By  # noqa: E402

IDEATE = os.path.abspath(sys.argv[1])
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None
work = tempfile.mkdtemp(prefix="ideate-box-lang-")
portfolio = os.path.join(work, "portfolio.sqlite")
questions = os.path.join(work, "box.yaml")
with open(questions, "w") as file:
    file.write("questions:\n  - id: delivery\n    text: Lieferzeiten?\n    until: 2099-12-31\n")
BOX = free_port()
BASE = f"http://127.0.0.1:{BOX}/"


checks = []
box = subprocess.Popen([IDEATE, "box", "--portfolio", portfolio, "--questions", questions, "--bind", "127.0.0.1",
                        "--web-port", str(BOX), "--language", "es"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
drivers = []
try:
    line = box.stdout.readline()
    assert "open at" in line, f"the box said {line!r}"

    page_weights(BASE, "box page")
    checks.append("the box page in each of the five languages weighs at most 30 KB and says its language")
    japanese, _ = fetch(BASE, {"Accept-Language": "ja"})
    assert '<html lang="es">' in japanese and "Tu idea, cualquier día" in japanese and "Buzón de ideas" in japanese, japanese[:600]
    checks.append("a browser asking only for Japanese gets the box's Spanish, with the default title in Spanish")

    french = browser(412, 915, True, language="fr")
    drivers.append(french)
    french.get(BASE)
    wait(lambda: french.find_element(By.CSS_SELECTOR, "label[for=idea]").text == "Votre idée", "the French box page")
    wait(lambda: "jusqu’au 31 décembre 2099" in text(french, "questions"), "the question's date, in French")
    french.find_element(By.ID, "idea").send_keys("Un banc près du quai")
    french.find_element(By.ID, "send").click()
    wait(lambda: re.search(r"Enregistrée ✓ sous B\d+", text(french, "compose-status")), "saved, in French")
    checks.append("Chromium --lang=fr: the page, the question's date and \"" + text(french, "compose-status").split(".")[0] + "\" in French")
    refusal = french.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/ideas', {method: 'POST', headers: {'Content-Type': 'application/json', 'Accept-Language': 'fr'},"
        " body: JSON.stringify({text: 'x', question: 'gone', proof: 'ab'.repeat(32)})}).then((r) => r.json()).then(done, (e) => done(String(e)))")
    assert "La question «\u00a0gone\u00a0» n’existe plus" in refusal.get("error", ""), refusal
    checks.append("a refusal the box words arrives in French: " + refusal["error"])
    screenshot(french, SHOTS, "box-fr-412")
    french.find_element(By.CSS_SELECTOR, "#languages a[lang=de]").click()
    wait(lambda: french.execute_script("return document.documentElement.lang") == "de", "the box page in German")
    wait(lambda: "Un banc près du quai" in text(french, "mine-list") and "Neu: wartet auf die nächste Prüfung." in text(french, "mine-list"),
         "this phone's idea, its fate in German")
    checks.append("the switch reloads the box page in German; this phone's idea is still its own (\"Neu: wartet auf die nächste Prüfung.\")")

    pseudo = browser(360, 740, True)
    drivers.append(pseudo)
    pseudo.get(BASE + "?lang=en-XA")
    wait(lambda: pseudo.find_element(By.CSS_SELECTOR, "label[for=idea]").text.startswith("["), "the pseudo-locale")
    pseudo.find_element(By.ID, "idea").send_keys("Shorter meetings")
    pseudo.find_element(By.ID, "send").click()
    wait(lambda: "✓" in text(pseudo, "compose-status"), "the idea saved")
    # The header holds the box's title, the box's own name in its language (Spanish here).
    shown = pseudo.find_element(By.TAG_NAME, "main").text
    english = {"your", "idea", "send", "anonymous", "nobody", "reviewers", "ideas", "decisions", "saved", "withdraw", "phone", "waiting"}
    words = {word.lower() for word in re.findall(r"[A-Za-z]{4,}", shown)} - {"ideate", "shorter", "meetings", "deutsch", "english",
                                                                                 "fran", "nederlands", "espa", "lieferzeiten"}
    assert not (words & english), f"English on the pseudo box page: {sorted(words & english)}"
    width = pseudo.execute_script("return document.documentElement.scrollWidth")
    assert width <= 360, f"the pseudo box page is {width} px wide"
    checks.append("the pseudo-locale at 360 px: no English sentence of ideate's, nothing wider than the screen")
    screenshot(pseudo, SHOTS, "box-pseudo-360")

    poster = os.path.join(work, "poster.html")
    subprocess.run([IDEATE, "box", "poster", "-o", poster, "--questions", questions, "--address", BASE, "--language", "de"],
                   check=True, capture_output=True)
    with open(poster, encoding="utf-8") as file:
        written = file.read()
    assert '<html lang="de">' in written and "Wir fragen" in written and "(bis 31. Dezember 2099)" in written and "Ideenbox" in written, written[:400]
    checks.append("ideate box poster --language de writes a German poster (\"Wir fragen\", \"bis 31. Dezember 2099\")")
finally:
    for driver in drivers:
        driver.quit()
    box.terminate()
    box.wait(timeout=10)

for check in checks:
    print("ok:", check)
