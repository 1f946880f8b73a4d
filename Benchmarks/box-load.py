#!/usr/bin/env python3
"""The idea box under a company's load, on a simulated 200-workshop portfolio (20,000 ideas).

Starts `ideate box` over a copy of PORTFOLIO on loopback, then measures:
- a phone with 20 ideas of its own opening the box: the board, then the fates of its buckets
  (padded to 8, as the page does), from the first request to the last byte, with the bytes on
  the wire (the phone asks for compression, as browsers do); median and slowest of 20 phones;
- a campaign launch: 2,000 phones within a minute, each fetching the page and the board and
  sending one idea; the time from the idea's request to its acknowledgement (sent after the
  commit), p50 and p99, and the server's peak resident memory;
- memory with time: the box's resident memory after a simulated day of traffic (80 ideas,
  400 board and 60 fates requests), after 29 more such days (a month), and after a second
  month: what a month adds once the caches are warm tells growth from a leak.

usage: box-load.py IDEATE PORTFOLIO [--phones 2000]
"""
import argparse, asyncio, gzip, hashlib, json, os, random, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("ideate")
parser.add_argument("portfolio")
parser.add_argument("--phones", type=int, default=2000)
parser.add_argument("--port", type=int, default=7851)
options = parser.parse_args()
work = tempfile.mkdtemp()
portfolio = os.path.join(work, "portfolio.sqlite")
shutil.copy(options.portfolio, portfolio)


def receipt_key(proof):
    return hashlib.sha256(("ideate receipt v1 " + proof).encode()).hexdigest()[:16]


# Every backlog idea followable, as once workshop ideas carry receipts too, and a third of
# them answered: the buckets a phone fetches are as full as a company's after years.
with sqlite3.connect(portfolio) as database:
    ids = [number for (number,) in database.execute("SELECT id FROM backlog_idea")]
    for number in ids:
        proof = hashlib.sha256(f"bench {number}".encode()).hexdigest()
        key = receipt_key(proof)
        database.execute("INSERT INTO receipt(key, proof, bucket, subject) VALUES (?, ?, ?, ?)", (key, proof, int(key[:8], 16), f"B{number}"))
    database.execute("UPDATE backlog_idea SET answer = 'Thank you: we keep it for the next planning round.', answer_date = '2026-11-30' "
                     "WHERE id % 3 = 0")
box = subprocess.Popen([os.path.abspath(options.ideate), "box", "--portfolio", portfolio, "--bind", "127.0.0.1",
                        "--web-port", str(options.port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
assert "open at" in box.stdout.readline()
random.seed(7)


def memory(field="VmRSS"):
    with open(f"/proc/{box.pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


async def request(method, path, body=None, compressed=False):
    """One HTTP exchange (the box closes each connection): status, body, bytes received, seconds."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", options.port)
    payload = json.dumps(body).encode() if body is not None else b""
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{options.port}\r\n"
    if compressed:
        head += "Accept-Encoding: gzip\r\n"
    if body is not None:
        head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
    writer.write(head.encode() + b"\r\n" + payload)
    await writer.drain()
    # Done once Content-Length bytes arrived, as a browser is (the box may still tidy up
    # before it closes the connection).
    header = await reader.readuntil(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length:")), None)
    content = await reader.readexactly(length) if length is not None else await reader.read()
    seconds = time.perf_counter() - started
    received = header + content
    writer.close()
    header = header[:-4]
    if b"content-encoding: gzip" in header.lower():
        content = gzip.decompress(content)
    return int(header.split()[1]), content, len(received), seconds


def proof(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


async def send_idea(text, secret):
    status, content, _, seconds = await request("POST", "/ideas", {"text": text, "proof": proof(secret)})
    assert status == 200, (status, content)
    return json.loads(content)["id"], seconds


async def open_box(keys):
    """A phone opening the box: board, then its buckets' fates (its receipts' keys found among
    them); seconds, bytes, entries received, bucket count."""
    started = time.perf_counter()
    status, content, board_bytes, _ = await request("GET", "/board", compressed=True)
    assert status == 200
    count = json.loads(content)["buckets"]
    fates_bytes = 0
    for _ in range(3):  # as the page does, ask again when the box grew in between (409)
        wanted = {int(key[:8], 16) % count for key in keys}
        while len(wanted) < min(count, max(8, len(wanted))):
            wanted.add(random.randrange(count))
        status, content, received, _ = await request("GET", f"/fates?n={count}&b={','.join(map(str, sorted(wanted)))}", compressed=True)
        fates_bytes += received
        if status != 409:
            break
        count = json.loads(content)["buckets"]
    assert status == 200, content
    found = {entry["key"] for entry in json.loads(content)["ideas"]}
    assert set(keys) <= found, "every own idea (answered) is among its buckets' fates"
    return time.perf_counter() - started, board_bytes + fates_bytes, len(found), count


async def main():
    figures = []
    # Phones with 20 ideas each.
    phones = []
    for phone in range(20):
        sent = [(await send_idea(f"Phone {phone}, idea {index}: a step to remove", f"p{phone}-{index}"))[0] for index in range(20)]
        phones.append([receipt_key(proof(f"p{phone}-{index}")) for index in range(20)])
        # The reviewer answered them all (written straight into the copy: 400 decisions).
        with sqlite3.connect(portfolio, timeout=10) as database:
            database.executemany("UPDATE backlog_idea SET fate = 'kept', answer = 'Kept for the spring workshop.', answer_date = '2026-12-01' "
                                 "WHERE id = ?", [(int(number[1:]),) for number in sent])
    opened = [await open_box(keys) for keys in phones]
    times = sorted(seconds * 1000 for seconds, _, _, _ in opened)
    sizes = sorted(size for _, size, _, _ in opened)
    figures.append(("a phone with 20 ideas opens the box: board + fates (median, slowest of 20)",
                    f"{statistics.median(times):.1f}, {times[-1]:.1f} ms; {statistics.median(sizes) / 1024:.1f} KB "
                    f"(slowest {sizes[-1] / 1024:.1f} KB), {opened[0][2]} fates in {opened[0][3]} buckets", "≤ 200 ms, ≤ 100 KB"))

    # The campaign launch: PHONES within a minute.
    acks = []
    page = await request("GET", "/", compressed=True)
    page_bytes = page[2]

    async def phone(index):
        await asyncio.sleep(random.uniform(0, 60))
        await request("GET", "/", compressed=True)
        await request("GET", "/board", compressed=True)
        _, seconds = await send_idea(f"Campaign idea {index}: what slows order-to-delivery", f"campaign-{index}")
        acks.append(seconds * 1000)

    peak_before = memory("VmHWM")
    started = time.perf_counter()
    await asyncio.gather(*(phone(index) for index in range(options.phones)))
    elapsed = time.perf_counter() - started
    if acks:  # --phones 0 measures memory with time only
        acks.sort()
        p50, p99 = acks[len(acks) // 2], acks[int(len(acks) * 0.99) - 1]
        figures.append((f"campaign launch: {options.phones} phones within a minute (page {page_bytes / 1024:.1f} KB, board, one idea each)",
                        f"ack p50 {p50:.1f} ms, p99 {p99:.1f} ms over {elapsed:.0f} s; server peak {memory('VmHWM'):.0f} MB "
                        f"(before {peak_before:.0f} MB)", "p99 ≤ 15 ms, ≤ 150 MB"))

    # Memory with time: a day of traffic, then 29 more.
    async def day(number):
        for batch in range(2):
            jobs = [send_idea(f"Day {number}, idea {batch}-{index}", f"d{number}-{batch}-{index}") for index in range(40)]
            jobs += [request("GET", "/board", compressed=True) for _ in range(200)]
            jobs += [open_box(random.choice(phones)) for _ in range(30)]
            await asyncio.gather(*jobs)

    await day(0)
    after_day = memory()
    for number in range(1, 30):
        await day(number)
    after_month = memory()
    for number in range(30, 60):
        await day(number)
    after_two = memory()
    figures.append(("resident memory after a day of traffic, after a month (30 days), after two months",
                    f"{after_day:.1f} MB, {after_month:.1f} MB ({(after_month / after_day - 1) * 100:+.1f} %), "
                    f"{after_two:.1f} MB ({(after_two / after_month - 1) * 100:+.1f} % in the second month)", "within 10 %"))
    for figure, value, target in figures:
        print(f"| {figure} | {value} | {target} |")


try:
    asyncio.run(main())
finally:
    box.terminate()
    box.wait()
    shutil.rmtree(work, ignore_errors=True)
