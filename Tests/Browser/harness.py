"""What the browser scripts share: a free loopback port, a wait that polls a condition, headless
Chromium at a size (phone emulation on request), an element's text, a private tmux server, and
a proxy that records every byte the browser sends to a server.

The scripts run as `python3 Tests/Browser/NAME.py`, so this folder is on their import path.
"""
import asyncio, os, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.request

os.environ["SE_OFFLINE"] = "true"
os.environ["SE_AVOID_STATS"] = "true"
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait(condition, what, seconds=20):
    """Returns once `condition()` holds; raises AssertionError naming `what` after `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if condition():
                return
        except Exception:  # the page is between two renders
            pass
        time.sleep(0.05)
    raise AssertionError(f"never saw {what}")


def browser(width, height, mobile, logging=False, language=None):
    """Headless Chromium from PATH, nothing fetched from the internet; `language` ("fr") is the
    browser's own, sent as its Accept-Language."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--no-first-run", "--disable-extensions", f"--window-size={width},{height}"]:
        options.add_argument(argument)
    if language:
        options.add_argument(f"--lang={language}")
        options.add_experimental_option("prefs", {"intl.accept_languages": language})
    if mobile:
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 2}})
    options.binary_location = shutil.which("chromium")
    if logging:
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def text(driver, element_id):
    return driver.find_element(By.ID, element_id).text


def tmux_on(server):
    """A `tmux(*args)` function for a private tmux server: what the command printed."""
    def tmux(*args):
        return subprocess.run(["tmux", "-L", server, *args], capture_output=True, text=True).stdout
    return tmux


def start_recording_proxy(port, upstream):
    """Forwards 127.0.0.1:`port` to 127.0.0.1:`upstream` on a thread of its own; returns the list
    that gets, per connection, a bytearray of what the client sent on it."""
    sent = []

    async def pump(reader, writer, record):
        try:
            while data := await reader.read(65536):
                if record is not None:
                    record.extend(data)
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def handle(client_reader, client_writer):
        record = bytearray()
        sent.append(record)
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", upstream)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, upstream_writer, record), pump(upstream_reader, client_writer, None))

    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", port)
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()
    return sent


def move_cursor_to(label, screen, press):
    """Moves a list screen's cursor (▸) to the row holding ` label `: Up or Down as the screen
    shows it (a list's order may differ from run to run), down while the row is scrolled out of
    sight; each press waited for, at most 200."""
    for _ in range(200):
        rows = screen().splitlines()
        cursor = next((i for i, row in enumerate(rows) if "▸" in row), None)
        target = next((i for i, row in enumerate(rows) if f" {label} " in row), None)
        assert cursor is not None, f"a cursor on the screen:\n{screen()}"
        if cursor == target:
            return
        before = screen()
        press("Up" if target is not None and target < cursor else "Down")
        wait(lambda: screen() != before, "the cursor moved")
    raise AssertionError(f"the cursor never reached {label}:\n{screen()}")



def fetch(url, headers=None):
    """A page as a phone without a browser gets it: its text and its response headers."""
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.read().decode("utf-8"), answer.headers


def screenshot(driver, folder, name):
    """Saves what `driver` shows as folder/name.png when a folder was given."""
    if folder:
        os.makedirs(folder, exist_ok=True)
        driver.save_screenshot(os.path.join(folder, name + ".png"))


def page_weights(base, what):
    """Fetches `base` in each of ideate's five languages (`?lang=`): each must weigh at most 30 KB
    and say its language (Content-Language, Vary: Accept-Language). Returns the sizes in bytes."""
    sizes = {}
    for language in ["en", "de", "fr", "nl", "es"]:
        body, headers = fetch(f"{base}?lang={language}")
        sizes[language] = len(body.encode("utf-8"))
        assert sizes[language] <= 30 * 1024, f"the {language} {what} weighs {sizes[language]} bytes"
        assert headers["Content-Language"] == language and "Accept-Language" in headers["Vary"], dict(headers)
    return sizes


def script_setup(prefix):
    """What every end-to-end script starts with: the binary (argv[1]), the screenshot folder
    (argv[2], optional), the project folder, a fresh work folder with its run file path, and a
    tmux server of its own."""
    ideate = os.path.abspath(sys.argv[1])
    shots = sys.argv[2] if len(sys.argv) > 2 else None
    project = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    work = tempfile.mkdtemp(prefix=f"ideate-{prefix}-")
    return ideate, shots, project, work, os.path.join(work, "run.sqlite"), tmux_on(f"ideate-{prefix}-{os.getpid()}")


def report_failure(checks, error, screens, driver):
    """Prints what passed, what failed and every screen a reader needs (`screens`: name to a
    function that captures it; the page's text when `driver`), then exits 1."""
    print("\n".join("ok  " + check for check in checks))
    print(f"FAILED: {error}")
    for name, capture in screens.items():
        try:
            print(f"{name}:\n" + capture())
        except Exception:
            pass
    if driver:
        try:
            print("page:\n" + driver.find_element(By.TAG_NAME, "body").text)
        except Exception:
            pass
    sys.exit(1)

