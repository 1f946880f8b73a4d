#!/usr/bin/env python3
"""Hostile clients against a running participant server, on loopback only, bounded in count
and time; meanwhile a newcomer joins once a second and the server's memory is read.

usage: hostile-load.py PORT CODE SERVER_PID [--connections 2000] [--seconds 30]
                        [--kinds idle,non-reader,flood,guesser]

The connections are split evenly among the kinds: idle sockets that never say hello (reopened
as soon as the server closes them), non-readers (join, then write requests and never read a
byte), floods (join, then send malformed lines and oversized frames as fast as the server
takes them, reading the answers) and guessers (wrong codes, five per connection). The newcomer
is a plain blocking socket on a thread of its own, so a busy event loop here does not delay
it. Prints the slowest newcomer join, the server's peak resident memory, and what the hostile
connections did.
"""
import argparse, asyncio, json, os, resource, socket, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("code")
parser.add_argument("pid", type=int)
parser.add_argument("--connections", type=int, default=2000)
parser.add_argument("--seconds", type=float, default=30)
parser.add_argument("--kinds", default="idle,non-reader,flood,guesser")
options = parser.parse_args()
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
HOST = "127.0.0.1"
deadline = time.monotonic() + options.seconds
counts = {"idle reopened": 0, "non-readers blocked": 0, "flood lines": 0, "guesses": 0, "errors": 0}


def hello(code=options.code):
    return (json.dumps({"type": "hello", "version": 1, "code": code}) + "\n").encode()


async def idle():
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, options.port)
            await asyncio.wait_for(reader.read(), timeout=max(0.1, deadline - time.monotonic()))
            counts["idle reopened"] += 1
            writer.close()
        except (asyncio.TimeoutError, OSError):
            counts["errors"] += 1
            await asyncio.sleep(0.5)


async def non_reader(number):
    try:
        reader, writer = await asyncio.open_connection(HOST, options.port)
        writer.write(hello())
        request = 0
        while time.monotonic() < deadline:
            lines = b"".join(
                (json.dumps({"type": "vote", "id": f"n{number}-{request + i}", "idea": "x" * 40}) + "\n").encode()
                for i in range(50))
            request += 50
            writer.write(lines)
            try:
                await asyncio.wait_for(writer.drain(), timeout=2)
            except asyncio.TimeoutError:
                counts["non-readers blocked"] += 1
                await asyncio.sleep(max(0, deadline - time.monotonic()))
                break
        writer.transport.abort()
    except OSError:
        counts["errors"] += 1


async def flood(number):
    try:
        reader, writer = await asyncio.open_connection(HOST, options.port)
        writer.write(hello())
        async def drain_answers():
            try:
                while await reader.read(65536):
                    pass
            except OSError:
                pass
        answers = asyncio.ensure_future(drain_answers())
        while time.monotonic() < deadline and not answers.done():
            writer.write(b"{not json\n" * 20 + b'{"type":"' + b"x" * 12000 + b'"}\n')
            counts["flood lines"] += 21
            await writer.drain()
            await asyncio.sleep(0.05)
        answers.cancel()
        writer.transport.abort()
    except OSError:
        counts["errors"] += 1


async def guesser(number):
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, options.port)
            for attempt in range(5):
                writer.write(hello(code=f"G{number:04d}{attempt}"))
                counts["guesses"] += 1
                if not await asyncio.wait_for(reader.readline(), timeout=5):
                    break
            writer.close()
        except (asyncio.TimeoutError, OSError):
            counts["errors"] += 1
            await asyncio.sleep(0.5)


def rss_megabytes():
    with open(f"/proc/{options.pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def newcomers(samples, memory):
    """Once a second: connect, say hello, wait for the welcome (on a thread of its own)."""
    while time.monotonic() < deadline - 1:
        started = time.monotonic()
        joined = False
        try:
            with socket.create_connection((HOST, options.port), timeout=10) as connection:
                connection.sendall(hello())
                received = b""
                while b"\n" not in received:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    received += chunk
                joined = b'"welcome"' in received.split(b"\n")[0]
        except OSError:
            pass
        samples.append((time.monotonic() - started, joined))
        memory.append(rss_megabytes())
        time.sleep(max(0, 1 - (time.monotonic() - started)))


async def main():
    kinds = {"idle": lambda n: idle(), "non-reader": non_reader, "flood": flood, "guesser": guesser}
    chosen = [kinds[name] for name in options.kinds.split(",")]
    tasks = [chosen[n % len(chosen)](n) for n in range(options.connections)]
    samples, memory = [], []
    probe = threading.Thread(target=newcomers, args=(samples, memory))
    probe.start()
    await asyncio.gather(*tasks)
    probe.join()
    joined = [seconds for seconds, ok in samples if ok]
    slowest = f"slowest {max(joined) * 1000:.0f} ms" if joined else "none joined"
    print(f"newcomers: {len(joined)} of {len(samples)} joined, {slowest}")
    print(f"server memory: peak {max(memory):.0f} MB, last {memory[-1]:.0f} MB (resident)")
    print("hostile: " + ", ".join(f"{key} {value}" for key, value in counts.items()))

asyncio.run(main())
