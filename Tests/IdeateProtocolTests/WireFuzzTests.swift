import Foundation
import IdeateProtocol
import PropertyBased
import IdeateTestSupport
import Testing

/// The wire decoder answers every line with a message or a clear problem, never a crash.
@Suite("Fuzz replay: wire", .offThePool, .timeLimit(.minutes(5)))
struct WireFuzzTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("IdeateCoreTests/FuzzCorpus")
    static let cases = Int(ProcessInfo.processInfo.environment["IDEATE_FUZZ_CASES"] ?? "") ?? 400

    @Test("The wire corpus replays: each line is refused with a reason")
    func corpus() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasPrefix("wire-") }
        #expect(files.count >= 4)
        for file in files {
            let data = try Data(contentsOf: Self.corpus.appendingPathComponent(file))
            #expect(throws: ClientMessage.DecodingProblem.self) { try ClientMessage.decode(data) }
        }
    }

    @Test("Mutated messages decode or are refused, never crash")
    func mutated() async {
        let source = Array(#"{"type":"move","id":"c1","from":"abc12","to":"xyz34"}"#.utf8)
        let mutation = zip(Gen.int(in: 0...(source.count - 1)), Gen.int(in: 0...255), Gen.int(in: 0...1))
        await propertyCheck(count: Self.cases, input: mutation.array(of: 1...6)) { mutations in
            var bytes = source
            for (position, byte, kind) in mutations {
                let at = min(position, max(0, bytes.count - 1))
                if kind == 0 { bytes[at] = UInt8(byte) } else { bytes.insert(UInt8(byte), at: at) }
            }
            if let message = try? ClientMessage.decode(Data(bytes)) {
                #expect((try? ClientMessage.decode(message.encodedLine().dropLast())) == message)
            }
        }
    }
}
