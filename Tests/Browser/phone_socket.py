#!/usr/bin/env python3
"""A phone at the protocol level: the page's WebSocket, with nothing but the standard library.

Joins with the code, sends one idea during ideation, puts one dot on the first idea of the vote,
and prints each stage it is shown, one per line, until the workshop has finished. Exits 0 once
it saw "finished", 1 if the server closed first or 60 s went by.

usage: phone_socket.py WEB_PORT CODE
"""
import base64, json, os, socket, struct, sys, time

port, code = int(sys.argv[1]), sys.argv[2]
connection = socket.create_connection(("127.0.0.1", port), timeout=60)
key = base64.b64encode(os.urandom(16)).decode()
connection.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
received = b""
while b"\r\n\r\n" not in received:
    received += connection.recv(4096)
head, received = received.split(b"\r\n\r\n", 1)
assert head.startswith(b"HTTP/1.1 101"), head[:80]


def send(message):
    """One masked text frame, as a browser sends it."""
    payload = json.dumps(message).encode()
    mask = os.urandom(4)
    length = bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + struct.pack("!H", len(payload))
    connection.sendall(bytes([0x81]) + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


def frames():
    """The server's text frames (never masked), as they arrive."""
    global received
    while True:
        while len(received) >= 2:
            length, start = received[1] & 0x7F, 2
            if length == 126:
                length, start = struct.unpack("!H", received[2:4])[0], 4
            elif length == 127:
                length, start = struct.unpack("!Q", received[2:10])[0], 10
            if len(received) < start + length:
                break
            opcode, payload, received = received[0] & 0x0F, received[start:start + length], received[start + length:]
            if opcode == 0x8:
                return
            if opcode == 0x1:
                yield json.loads(payload)
        chunk = connection.recv(65536)
        if not chunk:
            return
        received += chunk


send({"type": "hello", "version": 1, "code": code})
deadline, shown, sent, voted, wall = time.monotonic() + 60, None, False, False, []
for message in frames():
    if time.monotonic() > deadline:
        break
    if message.get("type") != "view":
        continue
    view = message["view"]
    if "wall" in view:
        wall = view["wall"] or []
    if view["stage"] != shown:
        shown = view["stage"]
        print(shown, flush=True)
    if shown == "ideate" and not sent:
        send({"type": "submit", "id": "phone-1", "text": "Idea from a phone"})
        sent = True
    if shown == "vote" and not voted and wall:
        send({"type": "vote", "id": "phone-vote", "idea": wall[0]["id"]})
        voted = True
    if shown == "finished":
        sys.exit(0)
sys.exit(1)
