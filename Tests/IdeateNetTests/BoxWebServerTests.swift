import Foundation
import GRDB
import IdeateCore
import IdeateNet
import IdeateRuntime
import IdeateStore
import IdeateTestSupport
import Logging
import ServiceLifecycle
import Testing

/// The idea box's web server on 127.0.0.1 over a real portfolio (in memory): the page, ideas
/// acknowledged once committed and never kept twice, fates by bucket (sealed when off the
/// board), withdrawals, and the bounds.
@Suite("Idea box web server", .offThePool, .serialized, .timeLimit(.minutes(5)))
struct BoxWebServerTests {
    static let today = CalendarDate(iso: "2026-12-03")!
    static let settings = BoxSettings(title: "Acme ideas", questions: [
        BoxQuestion(id: "delivery", text: "What slows down order-to-delivery?", until: CalendarDate(iso: "2027-01-31")),
        BoxQuestion(id: "old", text: "An ended campaign", until: CalendarDate(iso: "2026-11-30")),
    ])

    /// Runs `body` with a box server over a fresh in-memory portfolio, given the store and port.
    static func withBox<Result: Sendable>(
        _ limits: BoxWebServer.Limits = BoxWebServer.Limits(), _ body: (PortfolioStore, Int) async throws -> Result
    ) async throws -> Result {
        let store = try PortfolioStore(try DatabaseQueue())
        let box = IdeaBoxStore(store: store, settings: settings, today: { today }, seed: 42)
        let server = BoxWebServer(box: box, host: "127.0.0.1", port: 0, limits: limits)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            defer { group.cancelAll() }
            return try await body(store, try await server.port())
        }
    }

    /// One request, its whole answer (head and body) once the server closed.
    static func exchange(_ port: Int, _ request: String) async throws -> (status: Int, head: String, body: String) {
        let probe = try WebProbe(port: port)
        probe.send(request)
        #expect(await probe.closes(), "one request per connection")
        let parts = probe.text.components(separatedBy: "\r\n\r\n")
        let status = Int(parts[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func post(_ port: Int, _ path: String, _ json: String, origin: String? = nil, type: String = "application/json") async throws
        -> (status: Int, head: String, body: String) {
        let origin = origin.map { "Origin: \($0)\r\n" } ?? ""
        return try await exchange(port, "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\(origin)Content-Type: \(type)\r\n"
                                  + "Content-Length: \(json.utf8.count)\r\n\r\n\(json)")
    }

    static func idea(_ text: String, secret: String, question: String? = nil) -> String {
        let question = question.map { #","question":"\#($0)""# } ?? ""
        return #"{"text":"\#(text)","proof":"\#(OwnershipProof(secret: secret).hex)"\#(question)}"#
    }

    @Test("GET / is the box page with a strict policy allowing only its own server; the board names the open questions only")
    func pageAndBoard() async throws {
        try await Self.withBox { _, port in
            let page = try await Self.exchange(port, "GET / HTTP/1.1\r\nHost: 10.0.0.5:7423\r\n\r\n")
            #expect(page.status == 200)
            #expect(page.head.contains("default-src 'none'") && page.head.contains("connect-src 'self'") && !page.head.contains("unsafe-inline"))
            #expect(!page.head.lowercased().contains("set-cookie"))
            #expect(page.body.contains("Your idea, any day"))
            for sentence in BoxPoster.anonymitySentences { #expect(page.body.contains(sentence), "the page and the poster promise the same") }
            #expect(page.body.utf8.count <= 30 * 1024, "the page weighs \(page.body.utf8.count) bytes")
            let board = try await Self.exchange(port, "GET /board HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(board.status == 200 && board.head.contains("Cache-Control: no-store"))
            let decoded = try JSONDecoder().decode(BoxBoard.self, from: Data(board.body.utf8))
            #expect(decoded.title == "Acme ideas" && decoded.questions.map(\.id) == ["delivery"] && decoded.buckets == 1 && decoded.recent.isEmpty)
        }
    }

    @Test("An idea is answered with its number after the commit; a resend gets the same number and is kept once; bad input is refused clearly")
    func submissions() async throws {
        try await Self.withBox { store, port in
            let sent = Self.idea("A bench by the loading bay <script>alert(1)</script>", secret: "s1", question: "delivery")
            let first = try await Self.post(port, "/ideas", sent, origin: "http://127.0.0.1:\(port)")
            #expect(first.status == 200, "\(first)")
            let number = try JSONDecoder().decode([String: String].self, from: Data(first.body.utf8))["id"]
            let kept = try store.portfolio().backlog
            #expect(kept.count == 1 && kept.first?.id.description == number, "saved before it was acknowledged")
            #expect(kept.first?.text == "A bench by the loading bay <script>alert(1)</script>" && kept.first?.question == "delivery")
            let again = try await Self.post(port, "/ideas", sent)
            #expect(again.body == first.body)
            #expect(try store.portfolio().backlog.count == 1, "a resend is not kept twice")

            let refusals: [(String, String, String?, String, Int, String)] = [
                ("/ideas", Self.idea("  ", secret: "s2"), nil, "application/json", 422, "Idea: write some text first."),
                ("/ideas", Self.idea(String(repeating: "x", count: 501), secret: "s3"), nil, "application/json", 422, "at most 500 characters"),
                ("/ideas", Self.idea("Hi", secret: "s4", question: "nope"), nil, "application/json", 422, "There is no question"),
                ("/ideas", #"{"text":"Hi","proof":"not hex"}"#, nil, "application/json", 400, "cannot read"),
                ("/ideas", "{", nil, "application/json", 400, "cannot read"),
                ("/ideas", Self.idea("Hi", secret: "s5"), "http://evil.example", "application/json", 403, "own page"),
                ("/ideas", Self.idea("Hi", secret: "s6"), nil, "text/plain", 403, "own page"),
                ("/ideas", String(repeating: "x", count: 9_000), nil, "application/json", 413, "too large"),
            ]
            for (path, body, origin, type, status, sentence) in refusals {
                let answer = try await Self.post(port, path, body, origin: origin, type: type)
                #expect(answer.status == status && answer.body.contains(sentence), "\(body.prefix(40)) → \(answer.status) \(answer.body)")
            }
            #expect(try store.portfolio().backlog.count == 1, "no refusal kept anything")
            for (request, status) in [("GET /ideas HTTP/1.1\r\nHost: a\r\n\r\n", 405), ("GET /etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n", 404),
                                      ("GET /board HTTP/1.1\r\nHost: a'; script-src *\r\n\r\n", 400)] {
                #expect(try await Self.exchange(port, request).status == status, "\(request)")
            }
        }
    }

    @Test("Fates come by bucket: every idea of the bucket, open on the board, sealed for its author off it; a stale count is told the new one")
    func fates() async throws {
        try await Self.withBox { store, port in
            var numbers: [BacklogIdeaID] = []
            for index in 0..<3 {
                let answer = try await Self.post(port, "/ideas", Self.idea("Idea \(index)", secret: "secret \(index)"))
                numbers.append(try #require(BacklogIdeaID(try JSONDecoder().decode([String: String].self, from: Data(answer.body.utf8))["id"] ?? "")))
            }
            _ = try store.perform(.decide(numbers[0], .decline, answer: "We tried it in 2024."), on: Self.today, note: "")
            _ = try store.perform(.decide(numbers[1], .keep, answer: "Only for you: your team lead agreed."), on: Self.today, note: "")
            _ = try store.perform(.showOnBoard(numbers[1], false), on: Self.today, note: "")

            let answer = try await Self.exchange(port, "GET /fates?n=1&b=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(answer.status == 200)
            let fates = try JSONDecoder().decode(BucketFates.self, from: Data(answer.body.utf8))
            let listed: Set<ReceiptKey> = Set(fates.ideas.map(\.key))
            let withNews: Set<ReceiptKey> = [OwnershipProof(secret: "secret 0").receipt, OwnershipProof(secret: "secret 1").receipt]
            #expect(listed == withNews, "every idea of the bucket with news, not only the asker's; a new idea has none to send")
            #expect(!answer.body.contains("Only for you"), "an off-board answer never goes out in the clear")
            #expect(!answer.body.contains("Idea 0"), "fates carry no text: the author has it")
            for secret in ["secret 0", "secret 1", "secret 2"] {
                #expect(!answer.body.contains(OwnershipProof(secret: secret).hex), "no proof goes out")
            }
            for entry in fates.ideas {
                switch entry {
                case let .open(key, notice):
                    #expect(key == OwnershipProof(secret: "secret 0").receipt && notice.id == numbers[0].description)
                    #expect(notice.fate == .declined && notice.answer == "We tried it in 2024." && notice.answered == Self.today)
                case let .sealed(key, box):
                    #expect(key == OwnershipProof(secret: "secret 1").receipt)
                    #expect(FateSeal.open(box, with: OwnershipProof(secret: "secret 0")) == nil, "another idea's proof opens nothing")
                    let opened = try #require(FateSeal.open(box, with: OwnershipProof(secret: "secret 1")))
                    let notice = try JSONDecoder().decode(FateNotice.self, from: Data(opened))
                    #expect(notice.fate == .kept && notice.answer == "Only for you: your team lead agreed.")
                }
            }
            let stale = try await Self.exchange(port, "GET /fates?n=5&b=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(stale.status == 409 && stale.body.contains(#""buckets":1"#))
            let tooMany = (0..<65).map(String.init).joined(separator: ",")
            #expect(try await Self.exchange(port, "GET /fates?n=1&b=\(tooMany) HTTP/1.1\r\nHost: a\r\n\r\n").status == 400)
            #expect(try await Self.exchange(port, "GET /fates?n=1&b=x HTTP/1.1\r\nHost: a\r\n\r\n").status == 400)

            let board = try JSONDecoder().decode(BoxBoard.self, from: Data(try await Self.exchange(port, "GET /board HTTP/1.1\r\nHost: a\r\n\r\n").body.utf8))
            #expect(board.recent.map(\.id) == [numbers[0].description], "an idea kept off the board is not on it")
            #expect(board.recent.first?.text == "Idea 0" && board.recent.first?.fate?.answer == "We tried it in 2024.")
        }
    }

    @Test("The author withdraws a new idea with its secret; a reviewed idea stays; an unknown secret is told so")
    func withdrawals() async throws {
        try await Self.withBox { store, port in
            _ = try await Self.post(port, "/ideas", Self.idea("Withdraw me", secret: "w1"))
            let second = try await Self.post(port, "/ideas", Self.idea("Keep me", secret: "w2"))
            let kept = try #require(BacklogIdeaID(try JSONDecoder().decode([String: String].self, from: Data(second.body.utf8))["id"] ?? ""))
            _ = try store.perform(.decide(kept, .keep, answer: nil), on: Self.today, note: "")
            #expect(try await Self.post(port, "/withdraw", #"{"secret":"w1"}"#).status == 200)
            #expect(try store.portfolio().backlog.map(\.text) == ["Keep me"])
            let again = try await Self.post(port, "/withdraw", #"{"secret":"w1"}"#)
            #expect(again.status == 404 && again.body.contains("no idea in the box has that receipt".capitalizedFirst))
            let reviewed = try await Self.post(port, "/withdraw", #"{"secret":"w2"}"#)
            #expect(reviewed.status == 409 && reviewed.body.contains("has been reviewed already"))
            #expect(try await Self.post(port, "/withdraw", #"{"secret":"w1"}"#, origin: "http://evil.example").status == 403)
        }
    }

    @Test("Connections past the limit are turned away with 503, and one that never finishes its request is closed at the deadline")
    func bounds() async throws {
        var limits = BoxWebServer.Limits()
        limits.maximumConnections = 2
        // Long enough that the third connection surely arrives while the first two are held,
        // even under a sanitizer.
        limits.requestDeadline = .seconds(2)
        try await Self.withBox(limits) { _, port in
            // Connections are counted on the event loop that took them, so which of three made
            // at once is the one past the limit is not fixed: exactly one is turned away.
            let probes = try (0..<3).map { _ in try WebProbe(port: port) }
            probes[0].send("POST /ideas HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{")
            for probe in probes { #expect(await probe.closes(), "closed: turned away, or at the deadline, not held") }
            let refused = probes.filter { $0.text.hasPrefix("HTTP/1.1 503") }.count
            let heldUntilTheDeadline = probes.filter(\.text.isEmpty).count
            #expect(refused == 1 && heldUntilTheDeadline == 2, "\(probes.map { $0.text.prefix(20) })")
            let later = try await Self.exchange(port, "GET /board HTTP/1.1\r\nHost: a\r\n\r\n")
            #expect(later.status == 200, "the slots came back")
        }
    }

    @Test("A restart (SIGTERM's graceful shutdown) answers the idea that arrived whole, closes a connection still waiting at once and takes no new one")
    func gracefulRestart() async throws {
        let box = HeldBox()
        // The held request must outlast the test's steps, however loaded the machine: the
        // deadline (10 s by default) would close it, as it should close any request that long.
        var limits = BoxWebServer.Limits()
        limits.requestDeadline = .seconds(120)
        let server = BoxWebServer(box: box, host: "127.0.0.1", port: 0, limits: limits)
        let group = ServiceGroup(services: [server], logger: Logger(label: "box-test"))
        let running = Task { try await group.run() }
        let port = try await server.port()
        let idle = try WebProbe(port: port)
        let posting = Task { try await BoxWebServerTests.post(port, "/ideas", BoxWebServerTests.idea("Sent just before the restart", secret: "late")) }
        await box.waitUntilSubmitting()
        await group.triggerGracefulShutdown()
        #expect(await idle.closes(), "a connection that sent nothing is closed at once")
        var refused = false
        for _ in 0..<100 where !refused {
            refused = (try? WebProbe(port: port)) == nil
            if !refused { try await SystemClock().sleep(for: .milliseconds(20)) }
        }
        #expect(refused, "no new connection once the restart began")
        box.letSubmissionsThrough()
        let answer = try await posting.value
        #expect(answer.status == 200 && answer.body.contains("B42"), "\(answer.head) \(answer.body)")
        try await running.value
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

}

/// An idea box whose submissions wait until the test lets them through: a request the server is
/// answering when a restart begins.
final class HeldBox: IdeaBoxService {
    private let (submitting, submittingContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    private let (released, releasedContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    func waitUntilSubmitting() async {
        for await _ in submitting { return }
    }

    func letSubmissionsThrough() { releasedContinuation.yield() }

    func submit(_ submission: BoxSubmission) async throws -> BacklogIdeaID {
        submittingContinuation.yield()
        for await _ in released { break }
        return BacklogIdeaID(42)
    }

    func fates(in buckets: [Int], of count: Int) async throws -> BucketFates { BucketFates(buckets: 1, ideas: []) }
    func board() async throws -> BoxBoard { BoxBoard(title: "Held", questions: [], buckets: 1, recent: []) }
    func withdraw(secret: String) async throws -> BacklogIdeaID { throw BoxRefusal.noSuchIdea }
    func tidy() async {}
}
