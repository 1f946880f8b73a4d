#!/usr/bin/env python3
"""The phone page over TLS against Mozilla's "intermediate" profile, judged by sslyze.

Starts `ideate run --headless` serving the page with a self-signed P-256 certificate made here
(openssl), runs `sslyze --mozilla_config=intermediate` against it and fails on any finding
except the one a self-signed test certificate must cause (its path does not validate against
a public trust store; a company's real certificate does). Also asks for TLS 1.0, TLS 1.1 and a
CBC suite with Python's ssl (lowest security level) and expects each to be refused.

usage: tls_audit.py IDEATE_BINARY
Exits 0 when the profile holds, 1 otherwise, printing sslyze's findings.
"""
import json, os, re, shutil, socket, ssl, subprocess, sys, tempfile, time, warnings

warnings.simplefilter("ignore", DeprecationWarning)  # asking for TLS 1.0 and 1.1 is the point

IDEATE = os.path.abspath(sys.argv[1])
PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The one finding a self-signed certificate must cause; sslyze words it this way.
EXPECTED = ("certificate_path_validation",)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def refused(version=None, ciphers=None):
    """True when the server refuses a handshake limited to `version` or `ciphers`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers((ciphers or "ALL") + ":@SECLEVEL=0")
    if version:
        context.minimum_version = version
        context.maximum_version = version
    else:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    try:
        with socket.create_connection(("127.0.0.1", PORT), timeout=5) as raw:
            with context.wrap_socket(raw) as tls:
                return f"accepted as {tls.version()} {tls.cipher()[0]}"
    except (ssl.SSLError, ConnectionError):
        return None


work = tempfile.mkdtemp(prefix="ideate-tls-audit-")
PORT = free_port()
server = None
failures = []
try:
    certificate, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", key, "-out", certificate, "-days", "90", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
    plan = os.path.join(work, "plan.yaml")
    with open(plan, "w") as file:
        file.write("title: TLS audit\ngoal: Serve the page over TLS long enough to audit it\n"
                   "anonymity:\n  reveal: immediate\n  min_participants: 1\n"
                   "votes_per_person: 2\nmax_votes_per_idea: 1\nshortlist: 2\n"
                   "rounds:\n  - prompt: Anything\n    phases:\n      ideate: 10m\n      vote: 1m\n")
    server = subprocess.Popen([IDEATE, "run", plan, "--headless", "--run", os.path.join(work, "run.sqlite"), "--port", "0",
                               "--ssh-port", "0", "--web-port", str(PORT), "--tls-cert", certificate, "--tls-key", key,
                               "--code", "TLSAUD", "--portfolio", os.path.join(work, "portfolio.sqlite")],
                              cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wait_until_listening(PORT)

    report = os.path.join(work, "sslyze.json")
    scan = subprocess.run(["sslyze", "--mozilla_config=intermediate", f"--json_out={report}", f"127.0.0.1:{PORT}"],
                          capture_output=True, text=True, timeout=240)
    compliance = scan.stdout[scan.stdout.find("COMPLIANCE AGAINST"):].strip()
    print(compliance or scan.stdout[-2000:])
    with open(report) as file:
        result = json.load(file)["server_scan_results"][0]
    if result["scan_status"] != "COMPLETED":
        failures.append(f"sslyze could not scan: {result.get('connectivity_error_trace') or result['scan_status']}")
    else:
        commands = result["scan_result"]
        accepted = {name: [suite["cipher_suite"]["name"] for suite in commands[name]["result"]["accepted_cipher_suites"]]
                    for name in ["ssl_2_0_cipher_suites", "ssl_3_0_cipher_suites", "tls_1_0_cipher_suites",
                                 "tls_1_1_cipher_suites", "tls_1_2_cipher_suites", "tls_1_3_cipher_suites"]}
        for name, suites in accepted.items():
            print(f"{name}: {', '.join(suites) or 'none accepted'}")
        for old in ["ssl_2_0_cipher_suites", "ssl_3_0_cipher_suites", "tls_1_0_cipher_suites", "tls_1_1_cipher_suites"]:
            if accepted[old]:
                failures.append(f"{old} accepted: {accepted[old]}")
        for suite in accepted["tls_1_2_cipher_suites"] + accepted["tls_1_3_cipher_suites"]:
            if not any(aead in suite for aead in ("GCM", "CHACHA20_POLY1305")):
                failures.append(f"a suite that is not AEAD: {suite}")
        if not accepted["tls_1_3_cipher_suites"]:
            failures.append("TLS 1.3 is not offered")
    # sslyze's verdict on the profile: "Compliant", or one "* check: why" line per finding.
    findings = re.findall(r"^\s*\* (\w+): (.*)$", compliance, re.MULTILINE)
    if not findings and "Compliant" not in compliance:
        failures.append("sslyze gave no compliance verdict")
    failures += [f"sslyze: {check}: {why}" for check, why in findings if check not in EXPECTED]
    if scan.returncode not in (0, 1):
        failures.append(f"sslyze exited {scan.returncode}: {scan.stderr[-500:]}")

    for label, version, ciphers in [("TLS 1.0", ssl.TLSVersion.TLSv1, None), ("TLS 1.1", ssl.TLSVersion.TLSv1_1, None),
                                    ("a CBC suite", None, "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA")]:
        answer = refused(version, ciphers)
        print(f"{label}: {'refused' if answer is None else answer}")
        if answer is not None:
            failures.append(f"{label} {answer}")
except Exception as error:  # report, then fail
    failures.append(f"{type(error).__name__}: {error}")
finally:
    if server:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        if server.returncode not in (0, -15):
            print(server.stderr.read().decode(errors="replace")[-1000:])
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join("FAILED: " + failure for failure in failures))
    sys.exit(1)
print("ok  the phone page over TLS meets Mozilla's intermediate profile (but for the self-signed test certificate)")
