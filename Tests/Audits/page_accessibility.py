#!/usr/bin/env python3
"""An axe-core accessibility audit of every screen of the phone page, against a real ideate.

Two headless Chromium browsers, driven by selenium with the driver from PATH and nothing fetched
from the internet, stand side by side: a phone (360x740, mobile emulation) and a desktop
(1280x800). axe-core (the copy bundled in the axe_selenium_python package) audits, in both:

  join         the page opened without a code: the join form
  wrong-code   the page opened with a wrong code: the form and "Wrong code"
  lobby        joined, before the first round
  ideation     the text box, before any idea was sent
  ideation-sent  the same after sending an idea ("saved ✓" in the own-ideas list)
  build        building on someone else's idea
  grouping     the facilitator groups; the wall is shown
  vote         the ballot
  vote-dot     the ballot with one dot placed
  rating       impact and effort: five buttons per axis for each shortlisted idea
  rating-chosen  the same with impact and effort chosen (pressed buttons)
  results      the results with the shortlist, and the room's impact and effort

A headless run starts the first phase at once and never shows the lobby, so the first three
screens come from a run with its console (on a pseudo-terminal of this script, left in the
lobby); the phases come from `ideate run --headless`, which moves on as each timer ends. Both
listen on 127.0.0.1 only. Every screen is waited for (polling, with a deadline), audited, and
must still be showing when axe has finished, so each result belongs to the screen it names.

usage: page_accessibility.py IDEATE_BINARY
Prints one line per screen and size; each violation with its impact, help and the targets of
its nodes. Exits 0 when axe found no violation anywhere, 1 otherwise (or when a screen was never
shown, or axe did not run).
"""
import fcntl, os, pty, shutil, signal, socket, struct, subprocess, sys, tempfile, termios, threading, time

os.environ["SE_OFFLINE"] = "true"
os.environ["SE_AVOID_STATS"] = "true"
from axe_selenium_python import Axe  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

if len(sys.argv) != 2:
    sys.exit("usage: page_accessibility.py IDEATE_BINARY")
IDEATE = os.path.abspath(sys.argv[1])
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CODE = "AXE4A11Y"
SIZES = [("phone", 360, 740, True), ("desktop", 1280, 800, False)]
SIZE = {name: [width, height] for name, width, height, _ in SIZES}
# An audit takes a fraction of a second; each phase is long enough for both browsers' audits
# many times over. A screen that ends before its audit is finished is a failure that says so.
PLAN = """\
title: Accessibility audit
goal: Every screen of the phone page, audited by axe-core.
anonymity:
  reveal: immediate
  min_participants: 1
votes_per_person: 3
max_votes_per_idea: 2
shortlist: 1
rounds:
  - prompt: How could our weekly meeting be shorter?
    phases:
      ideate: 10s
      build: 6s
      group: 6s
      vote: 8s
      rate: 10s
      review: 8s
"""

DEADLINE = 150  # seconds for the whole audit, whatever hangs: it then fails and cleans up

work = tempfile.mkdtemp(prefix="ideate-axe-")
processes = []
browsers = {}
failures = []
audited = 0


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(condition, what, seconds=15):
    """Polls `condition` until it holds; fails with `what` after `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return
        except Exception:  # the page is between two renders, or the port not yet open
            pass
        time.sleep(0.05)
    raise AssertionError(f"never saw {what} within {seconds} s")


def listening(port):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def start(arguments, terminal=False):
    """ideate with `arguments` in the temp folder; with `terminal`, on a pseudo-terminal of 120x36
    whose output a thread reads and drops (the console must never block on a full terminal)."""
    log = open(os.path.join(work, f"server-{len(processes)}.log"), "wb")
    # The console's theme comes from the project's themes/ (the binary may live anywhere).
    environment = dict(os.environ, LANG="C.UTF-8", TERM="xterm-256color", IDEATE_THEMES=os.path.join(PROJECT, "themes"))
    if terminal:
        controller, terminal_side = pty.openpty()
        fcntl.ioctl(terminal_side, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))
        process = subprocess.Popen([IDEATE, *arguments], cwd=work, env=environment, stdin=terminal_side,
                                   stdout=terminal_side, stderr=log, start_new_session=True)
        os.close(terminal_side)

        def drain():
            try:
                while os.read(controller, 65536):
                    pass
            except OSError:
                pass
            finally:
                os.close(controller)
        threading.Thread(target=drain, daemon=True).start()
    else:
        process = subprocess.Popen([IDEATE, *arguments], cwd=work, env=environment, stdin=subprocess.DEVNULL,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    processes.append((process, log))
    return process


def stop(process):
    """SIGTERM to the process group it leads (started in a session of its own), SIGKILL after 5 s."""
    if process.poll() is not None:
        return
    for sent, grace in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sent)
        except ProcessLookupError:
            return
        try:
            process.wait(grace)
            return
        except subprocess.TimeoutExpired:
            pass


def browser(width, height, mobile):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--no-first-run", "--disable-extensions",
                     "--force-prefers-reduced-motion", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(30)
    driver.set_page_load_timeout(15)
    if not mobile:  # the window is a little larger than its viewport: make the viewport the size
        inner = driver.execute_script("return [outerWidth - innerWidth, outerHeight - innerHeight]")
        driver.set_window_size(width + inner[0], height + inner[1])
    return driver


def open_page(address):
    """`address` in every browser, loaded anew (a page differing only in its fragment would not be)."""
    for driver in browsers.values():
        driver.get("about:blank")
        driver.get(address)


def shown(driver, element_id):
    return driver.find_element(By.ID, element_id).is_displayed()


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def audit(screen, on_screen, seconds=25):
    """axe-core over the whole document in each browser while `on_screen(driver)` holds, before and
    after the run; one line per size, then each violation."""
    global audited
    for name, driver in browsers.items():
        wait(lambda: on_screen(driver), f"the {screen} screen on the {name}", seconds)
        axe = Axe(driver)
        axe.inject()
        version = driver.execute_script("return typeof axe === 'object' && axe.version")
        assert version, f"axe-core was not injected on the {name} ({screen})"
        results = axe.run()
        viewport = driver.execute_script("return [innerWidth, innerHeight]")
        assert viewport == SIZE[name], f"the {name}'s viewport is {viewport}, not {SIZE[name]}"
        size = "{}x{}".format(*viewport)
        # An axe that errored or met no rule at all would pass with 0 violations: it must have run.
        assert isinstance(results, dict) and results.get("passes"), f"axe-core did not run on the {name} ({screen}): {results!r:.300}"
        assert on_screen(driver), f"the {screen} screen ended on the {name} before its audit did (lengthen the phase)"
        violations = results["violations"]
        review = len(results.get("incomplete", []))
        summary = f"{len(violations)} violations, {len(results['passes'])} rules passed" + (f", {review} to review by hand" if review else "")
        print(f"{'ok ' if not violations else 'FAIL'} {screen} {size}: {summary}", flush=True)
        for violation in violations:
            failures.append((screen, size, violation["id"]))
            print(f"      {violation['id']} ({violation['impact']}): {violation['help']} <{violation.get('helpUrl', '')}>")
            for node in violation["nodes"]:
                html = " ".join(node.get("html", "").split())
                print(f"        {', '.join(map(str, node['target']))}  {html[:100] + '…' if len(html) > 100 else html}")
        audited += 1


def canary():
    """axe must be able to fail here: a nameless button planted in the page under its policy is
    reported as button-name, in each browser; then it is taken away."""
    for name, driver in browsers.items():
        driver.execute_script("const b = document.createElement('button'); b.id = 'axe-canary'; document.querySelector('main').append(b)")
        try:
            results = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run('#axe-canary', {runOnly: {type: 'rule', values: ['button-name']}}).then(done, (e) => done({error: String(e)}))")
        finally:
            driver.execute_script("document.getElementById('axe-canary').remove()")
        found = [violation["id"] for violation in results.get("violations", [])]
        assert found == ["button-name"], f"axe-core missed a nameless button on the {name}: {results!r:.300}"
    version = next(iter(browsers.values())).execute_script("return axe.version")
    print(f"ok  axe-core {version} reports a nameless button planted in the page, in both browsers", flush=True)


def in_room(driver, stage_element):
    return shown(driver, "room") and shown(driver, stage_element)


def out_of_time(signal_number, frame):
    raise TimeoutError(f"the audit took more than {DEADLINE} s")


started = time.monotonic()
finished = False
signal.signal(signal.SIGALRM, out_of_time)
signal.alarm(DEADLINE)
try:
    plan = os.path.join(work, "plan.yaml")
    with open(plan, "w", encoding="utf-8") as file:
        file.write(PLAN)
    checked = subprocess.run([IDEATE, "check", plan], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, f"ideate check refused the plan:\n{checked.stdout}{checked.stderr}"

    def arguments(run, web, headless):
        return ["run", plan, *(["--headless"] if headless else []), "--run", os.path.join(work, run), "--port", "0",
                "--ssh-port", "0", "--web-port", str(web), "--code", CODE, "--bind", "127.0.0.1",
                "--public-address", "127.0.0.1", "--portfolio", os.path.join(work, "portfolio.sqlite")]

    # The join form, a wrong code and the lobby: a run with its console, never started.
    web = free_port()
    console = start(arguments("lobby.sqlite", web, headless=False), terminal=True)
    for name, width, height, mobile in SIZES:
        browsers[name] = browser(width, height, mobile)
    wait(lambda: listening(web) or console.poll() is not None, "the console's phone page", seconds=20)
    assert console.poll() is None, f"the console run exited with {console.returncode}"
    open_page(f"http://127.0.0.1:{web}/")
    audit("join", lambda driver: shown(driver, "join-form") and not shown(driver, "room") and not text(driver, "join-problem"))
    open_page(f"http://127.0.0.1:{web}/#WRONG9")
    audit("wrong-code", lambda driver: "Wrong code" in text(driver, "join-problem") and shown(driver, "join-form"))
    open_page(f"http://127.0.0.1:{web}/#{CODE}")
    audit("lobby", lambda driver: in_room(driver, "lobby"))
    # The console stays in its lobby until the end: stopped while a browser still holds an idle
    # connection to it, it would wait for that connection's 10 s request deadline.

    # Every phase: a headless run, its timers moving it on.
    web = free_port()
    server = start(arguments("run.sqlite", web, headless=True))
    wait(lambda: listening(web) or server.poll() is not None, "the headless run's phone page", seconds=20)
    assert server.poll() is None, f"the headless run exited with {server.returncode}"
    open_page(f"http://127.0.0.1:{web}/#{CODE}")

    def composing(driver):
        return in_room(driver, "compose") and not shown(driver, "build-on") and "Ideation" in text(driver, "phase")
    audit("ideation", lambda driver: composing(driver) and not text(driver, "mine-list"))
    for name, driver in browsers.items():
        driver.find_element(By.ID, "idea").send_keys(f"Stand up for the first ten minutes ({name})")
        driver.find_element(By.ID, "send").click()
    audit("ideation-sent", lambda driver: composing(driver) and "saved ✓" in text(driver, "mine-list"))
    audit("build", lambda driver: in_room(driver, "build-on") and "Building" in text(driver, "phase"))
    audit("grouping", lambda driver: in_room(driver, "grouping") and driver.find_elements(By.CSS_SELECTOR, "#grouping-wall li"))
    audit("vote", lambda driver: in_room(driver, "ballot") and "3 of 3 dots left" in text(driver, "dots"))
    for driver in browsers.values():
        driver.find_element(By.CSS_SELECTOR, "#wall li button").click()
    audit("vote-dot", lambda driver: in_room(driver, "ballot") and "2 of 3 dots left" in text(driver, "dots"))
    audit("rating", lambda driver: in_room(driver, "rating") and driver.find_elements(By.CSS_SELECTOR, "#rate-list [role=group] button"))
    for driver in browsers.values():
        for axis, value in ((0, 4), (1, 2)):  # each choice redraws the list: find the buttons again
            group = driver.find_elements(By.CSS_SELECTOR, "#rate-list [role=group]")[axis]
            group.find_elements(By.TAG_NAME, "button")[value - 1].click()
    audit("rating-chosen", lambda driver: in_room(driver, "rating")
          and len(driver.find_elements(By.CSS_SELECTOR, "#rate-list [aria-pressed=true]")) == 2)
    audit("results", lambda driver: in_room(driver, "results") and "★" in text(driver, "results-list")
          and shown(driver, "rated") and "impact 4" in text(driver, "rated-list"))
    canary()
    finished = True
except Exception as error:  # say what went wrong, with the servers' logs, and fail
    print(f"FAILED after {time.monotonic() - started:.0f} s: {type(error).__name__}: {error}")
    for index, (_, log) in enumerate(processes):
        log.flush()
        with open(log.name, "rb") as file:
            tail = file.read()[-2000:].decode("utf-8", "replace").strip()
        if tail:
            print(f"server {index} log:\n{tail}")
finally:
    signal.alarm(0)
    for driver in browsers.values():
        try:
            driver.quit()
        except Exception:
            pass
    for process, log in processes:
        stop(process)
        log.close()
    shutil.rmtree(work, ignore_errors=True)

print(f"{audited} audits in {time.monotonic() - started:.0f} s; " + ("the audit did not finish." if not finished else
      f"{len(failures)} violations." if failures else "no violation."))
sys.exit(0 if finished and not failures else 1)
