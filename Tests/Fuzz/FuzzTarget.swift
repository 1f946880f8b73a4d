import Foundation
import IdeateCore
import IdeateProtocol
import IdeateTUI

/// The three parsers that read untrusted bytes, as fuzzing targets. Each must answer any input
/// with a value or a clear problem; a crash, a hang or a sanitizer report is the bug.
enum FuzzTarget: String, CaseIterable {
    case plan, theme, wire

    /// The target named by `IDEATE_FUZZ_TARGET`.
    static func fromEnvironment() -> FuzzTarget? {
        ProcessInfo.processInfo.environment["IDEATE_FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))
    }

    func run(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .plan:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            if case let .success(plan) = PlanParser.parse(text) {
                precondition(!plan.rounds.isEmpty, "a plan without rounds was accepted")
            }
        case .theme:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            _ = ThemeParser.parse(text)
        case .wire:
            if let message = try? ClientMessage.decode(Data(bytes)) {
                precondition((try? ClientMessage.decode(message.encodedLine().dropLast())) == message, "a message does not survive its own line")
            }
        }
    }
}
