#!/usr/bin/env python3
"""Bytes the console writes to the terminal for one idle countdown tick.

Starts `ideate run` on a pseudo-terminal (120x36, TERM=xterm-256color), opens ideation so
the countdown runs, waits for the screen to settle, then counts the bytes written over
whole seconds in which nothing but the countdown changes.

Usage: python3 Benchmarks/tick-bytes.py [path/to/ideate]
"""
import fcntl, os, pty, select, struct, sys, tempfile, termios, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/ideate"
run = os.path.join(tempfile.mkdtemp(), "tick.sqlite")
pid, fd = pty.fork()
if pid == 0:
    os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8"})
    os.environ.pop("NO_COLOR", None)
    os.execv(binary, [binary, "run", "sessions/quick-start.yaml", "--run", run, "--ssh-port", "0", "--web-port", "0"])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 36, 120, 0, 0))

def read_for(seconds):
    end, total = time.time() + seconds, 0
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if ready:
            try:
                total += len(os.read(fd, 65536))
            except OSError:
                break
    return total

def frames_for(seconds):
    """Bytes of each burst of output (a frame), bursts being separated by 200 ms of silence."""
    end, frames, last = time.time() + seconds, [], 0.0
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], max(0, end - time.time()))
        if not ready:
            continue
        now, size = time.time(), len(os.read(fd, 65536))
        if frames and now - last < 0.2:
            frames[-1] += size
        else:
            frames.append(size)
        last = now
    return frames

read_for(2.0)
os.write(fd, b"n")
read_for(3.0)
frames = sorted(frames_for(30.0))
os.write(fd, b"\x03")
read_for(1.0)
os.waitpid(pid, 0)
print(f"bytes per idle countdown tick: median {frames[len(frames) // 2]}, min {frames[0]}, max {frames[-1]} "
      f"over {len(frames)} ticks (120x36, TERM=xterm-256color)")
