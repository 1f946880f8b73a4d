#!/usr/bin/env python3
"""The phone page on a poor venue network: Chromium's "Slow 3G" (400 ms latency, 400 kbit/s).

Starts `ideate run --headless` (a long ideation) and opens the page in headless Chromium with
the network emulated at 400 ms latency and 400 kbit/s each way, a fresh profile each time:

- URL → usable text box: from asking for the address to the idea box shown and enabled (the
  page loaded, the WebSocket open, the participant joined), five first visits; and a reload,
  which revalidates the page (304) instead of downloading it again. The page's bytes on the
  wire are read from Chromium's own network log.
- 30 s offline: the network is switched off, an idea is typed and sent (it waits as
  "sending…"), the network comes back after 30 s, and the idea must be "saved ✓" and in the
  run exactly once.

usage: slow-network.py IDEATE_BINARY [--visits N] [--offline-seconds S] [--language CODE]
(--language: the browser's own language, so the page comes in it: de, fr, nl, es.)
Prints each figure beside its target; exits 1 if the offline idea is lost or stored twice.
"""
import argparse, json, os, shutil, socket, sqlite3, statistics, subprocess, sys, tempfile, time

os.environ["SE_OFFLINE"] = "true"
os.environ["SE_AVOID_STATS"] = "true"
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

arguments = argparse.ArgumentParser()
arguments.add_argument("ideate")
arguments.add_argument("--visits", type=int, default=5)
arguments.add_argument("--offline-seconds", type=float, default=30)
arguments.add_argument("--language")
options = arguments.parse_args()
IDEATE = os.path.abspath(options.ideate)
PROJECT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SLOW_3G = {"offline": False, "latency": 400, "download_throughput": 400_000 // 8, "upload_throughput": 400_000 // 8}
CODE = "SLOW3G"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(condition, what, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:
            pass
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def browser():
    settings = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--no-first-run", "--disable-extensions", "--window-size=360,740"]:
        settings.add_argument(argument)
    if options.language:
        settings.add_argument(f"--lang={options.language}")
        settings.add_experimental_option("prefs", {"intl.accept_languages": options.language})
    settings.binary_location = shutil.which("chromium")
    settings.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=settings)
    driver.set_network_conditions(**SLOW_3G)
    return driver


def usable(driver):
    box = driver.find_element(By.ID, "idea")
    return box.is_displayed() and box.is_enabled()


def page_bytes(driver):
    """Bytes on the wire for the document (headers and body), from Chromium's network log."""
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    documents = {event["params"]["requestId"] for event in events
                 if event["method"] == "Network.responseReceived" and event["params"]["type"] == "Document"}
    return sum(event["params"]["encodedDataLength"] for event in events
               if event["method"] == "Network.loadingFinished" and event["params"]["requestId"] in documents)


def ideas_stored(run, text):
    with sqlite3.connect(f"file:{run}?mode=ro", uri=True) as database:
        return sum(text in payload for (payload,) in database.execute("SELECT payload FROM event"))


work = tempfile.mkdtemp(prefix="ideate-slow-")
run = os.path.join(work, "run.sqlite")
plan = os.path.join(work, "plan.yaml")
with open(plan, "w") as file:
    file.write("title: Slow network\ngoal: A phone on a poor network\nanonymity:\n  reveal: immediate\n  min_participants: 1\n"
               "rounds:\n  - prompt: Anything\n    phases:\n      ideate: 20m\n")
port = free_port()
server = subprocess.Popen([IDEATE, "run", plan, "--headless", "--run", run, "--port", "0", "--ssh-port", "0",
                           "--web-port", str(port), "--code", CODE, "--portfolio", os.path.join(work, "portfolio.sqlite")],
                          cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
address = f"http://127.0.0.1:{port}/#{CODE}"
failed = False
driver = None
try:
    wait(lambda: socket.create_connection(("127.0.0.1", port), timeout=0.5).close() or True, "the page's port")
    first_visits, first_bytes = [], 0
    for _ in range(options.visits):
        driver = browser()
        started = time.monotonic()
        driver.get(address)
        wait(lambda: usable(driver), "a usable text box")
        first_visits.append((time.monotonic() - started) * 1000)
        first_bytes = page_bytes(driver)
        started = time.monotonic()
        driver.refresh()
        wait(lambda: usable(driver), "a usable text box after a reload")
        reload_ms = (time.monotonic() - started) * 1000
        reload_bytes = page_bytes(driver)
        driver.quit()
        driver = None
    print(f"slow 3G, URL → usable text box, first visit: median {statistics.median(first_visits):.0f} ms, "
          f"max {max(first_visits):.0f} ms ({len(first_visits)} visits; target ≤ 3000 ms); page {first_bytes} bytes on the wire")
    print(f"slow 3G, reload → usable text box: {reload_ms:.0f} ms; page {reload_bytes} bytes on the wire (revalidated, not downloaded)"
          if reload_bytes < first_bytes / 4 else f"slow 3G, reload → usable text box: {reload_ms:.0f} ms; page downloaded again ({reload_bytes} bytes)")

    driver = browser()
    driver.get(address)
    wait(lambda: usable(driver), "a usable text box")
    text = f"Typed while offline {os.getpid()}"
    driver.set_network_conditions(**{**SLOW_3G, "offline": True})
    offline_at = time.monotonic()
    driver.find_element(By.ID, "idea").send_keys(text)
    driver.find_element(By.ID, "send").click()
    # The idea's state by its class, which every language shares ("sending…", "envoi…").
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#mine-list .status.sending"), "the idea waiting as sending…")
    while time.monotonic() - offline_at < options.offline_seconds:
        time.sleep(0.5)
    assert ideas_stored(run, text) == 0, "the idea reached the server while the network was off"
    driver.set_network_conditions(**SLOW_3G)
    back_at = time.monotonic()
    wait(lambda: driver.find_elements(By.CSS_SELECTOR, "#mine-list .status.saved"), "the idea saved once the network was back", seconds=60)
    saved_ms = (time.monotonic() - back_at) * 1000
    stored = ideas_stored(run, text)
    print(f"slow 3G, an idea typed during {options.offline_seconds:.0f} s offline: saved {saved_ms:.0f} ms after the network came back, "
          f"stored {stored} time(s) (target: once)")
    failed = stored != 1
except Exception as error:
    print(f"FAILED: {error}")
    if driver:
        print(driver.find_element(By.TAG_NAME, "body").text[:600])
    failed = True
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait()
    shutil.rmtree(work, ignore_errors=True)
sys.exit(1 if failed else 0)
