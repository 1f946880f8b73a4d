#!/usr/bin/env python3
"""Phones at scale: the phone page's WebSocket under load, beside a running console.

Starts `ideate run` with its console on a pseudo-terminal (120x36) and opens ideation, then
- connects PARTICIPANTS WebSocket clients (a minimal RFC 6455 client over asyncio, loopback
  only), each joining with the code, and reads the server's resident memory once all are in;
- lets 200 of them send 2 ideas a second each for 10 s, one in flight per client, and times
  each from the frame sent to its "saved" reply (the reply comes only after the commit);
- fetches the page and counts its bytes;
- opens the page in headless Chromium (selenium, driver from PATH, nothing fetched from the
  internet) five times and times each from navigation to a usable text box.

usage: web-load.py [path/to/ideate] [--participants 1000]
"""
import argparse, asyncio, base64, fcntl, json, os, pty, random, select, shutil, statistics, struct, sys, tempfile, termios, time
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("ideate", nargs="?", default=".build/release/ideate")
parser.add_argument("--participants", type=int, default=1000)
parser.add_argument("--port", type=int, default=7841)
parser.add_argument("--web-port", type=int, default=7842)
options = parser.parse_args()
CODE = "WEBLD1"
binary = os.path.abspath(options.ideate)
work = tempfile.mkdtemp()
plan = os.path.join(work, "web.yaml")
with open(plan, "w") as f:
    f.write("""title: Web load
goal: Many phones at once.
anonymity:
  reveal: batch
  batch_seconds: 2
  min_participants: 3
max_participants: 5000
votes_per_person: 3
max_votes_per_idea: 2
shortlist: 3
rounds:
  - prompt: Anything at all
    phases:
      ideate: 20m
""")
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    os.execv(binary, [binary, "run", plan, "--run", os.path.join(work, "run.sqlite"), "--port", str(options.port),
                      "--ssh-port", "0", "--web-port", str(options.web_port), "--code", CODE])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))


def drain(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.monotonic()))
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return


def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS")) / 1024


class Client:
    """Just enough WebSocket: the upgrade, masked text frames out, unmasked frames in."""

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", options.web_port)
        key = base64.b64encode(os.urandom(16)).decode()
        self.writer.write((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{options.web_port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 101"), head[:80]

    def send(self, message):
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(payload)))
        self.writer.write(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    async def receive(self):
        while True:
            first, second = await self.reader.readexactly(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack(">H", await self.reader.readexactly(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", await self.reader.readexactly(8))[0]
            payload = await self.reader.readexactly(length)
            if first & 0x0F == 0x1:
                return json.loads(payload)

    async def until(self, kind, request=None):
        while True:
            message = await self.receive()
            if message["type"] == kind and (request is None or message.get("id") == request):
                return message


async def main():
    drain(1.5)
    os.write(fd, b"n")
    drain(1.0)
    baseline = rss_mb()
    clients = [Client() for _ in range(options.participants)]
    start = time.perf_counter()

    async def join(client):
        await client.open()
        client.send({"type": "hello", "version": 1, "code": CODE})
        await client.until("welcome")
        client.task = asyncio.create_task(keep_reading(client))

    async def keep_reading(client):
        client.replies = asyncio.Queue()
        while True:
            message = await client.receive()
            if message["type"] == "reply":
                client.replies.put_nowait((time.perf_counter(), message))

    for batch in range(0, len(clients), 100):
        await asyncio.gather(*(join(client) for client in clients[batch:batch + 100]))
    joined_in = time.perf_counter() - start
    await asyncio.sleep(2)
    joined_rss = rss_mb()

    latencies, refused = [], 0

    async def paced(client, number):
        nonlocal refused
        for index in range(20):
            due = start_typing + index * 0.5 + random.uniform(0, 0.5)
            await asyncio.sleep(max(0, due - time.perf_counter()))
            request = f"w{number}-{index}"
            sent = time.perf_counter()
            client.send({"type": "submit", "id": request, "text": f"idea {number}-{index}"})
            while True:
                received, reply = await client.replies.get()
                if reply["id"] == request:
                    break
            if reply["ok"]:
                latencies.append((received - sent) * 1000)
            else:
                refused += 1

    start_typing = time.perf_counter()
    await asyncio.gather(*(paced(client, number) for number, client in enumerate(clients[:200])))
    peak = max(joined_rss, rss_mb())
    for client in clients:
        client.task.cancel()
        client.writer.close()
    return joined_in, baseline, joined_rss, peak, latencies, refused


try:
    joined_in, baseline, joined_rss, peak, latencies, refused = asyncio.run(main())
    page = urllib.request.urlopen(f"http://127.0.0.1:{options.web_port}/", timeout=5).read()
    os.environ["SE_OFFLINE"] = "true"
    os.environ["SE_AVOID_STATS"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    browser_options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--no-first-run", "--disable-extensions"]:
        browser_options.add_argument(argument)
    browser_options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 360, "height": 740, "pixelRatio": 2}})
    browser_options.binary_location = shutil.which("chromium")
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=browser_options)
    usable = []
    try:
        for attempt in range(5):
            driver.get("about:blank")
            opened = time.perf_counter()
            driver.get(f"http://127.0.0.1:{options.web_port}/#{CODE}")
            while not (driver.find_element(By.ID, "idea").is_displayed() and driver.find_element(By.ID, "idea").is_enabled()):
                time.sleep(0.005)
            usable.append((time.perf_counter() - opened) * 1000)
    finally:
        driver.quit()
finally:
    os.write(fd, b"\x03")
    drain(1.0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    shutil.rmtree(work, ignore_errors=True)

latencies.sort()
print(f"{options.participants} WebSocket participants joined in {joined_in:.1f} s")
print(f"server memory beside the console: {baseline:.0f} MB before, {joined_rss:.0f} MB with all joined, peak {peak:.0f} MB")
print(f"ack over WebSocket, 200 x 2 ideas/s for 10 s: {len(latencies)} saved, {refused} refused, "
      f"p50 {statistics.median(latencies):.1f} ms, p99 {latencies[int(len(latencies) * 0.99)]:.1f} ms")
print(f"page: {len(page)} bytes in one response")
print(f"URL opened -> text box usable in headless Chromium, 5 loads: median {statistics.median(usable):.0f} ms, "
      f"slowest {max(usable):.0f} ms")
