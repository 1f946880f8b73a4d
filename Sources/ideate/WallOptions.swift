import ArgumentParser
import IdeateCore

/// `--wall`: the room looks at a wall of its own (the projector's terminal, over ssh) while
/// the console runs on the facilitator's screen. The wall's ssh user name is a code of its own,
/// shown only on the console, so nobody in the room can open a second wall by reading the
/// projector.
struct WallOptions: ParsableArguments {
    @Flag(help: "Show the room's view on a wall (ssh from the projector's terminal); the console becomes the facilitator's own screen.")
    var wall = false

    @Option(help: ArgumentHelp("The wall's ssh user name (implies --wall); default: a new random one.", valueName: "code"))
    var wallCode: String?

    static let codeLength = 6...24

    func validate() throws {
        if let wallCode, !(Self.codeLength.contains(wallCode.count) && wallCode.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            throw ValidationError("--wall-code must have 6 to 24 letters, digits or dashes.")
        }
    }

    var isOn: Bool { wall || wallCode != nil }

    /// The wall's code for this run: the one given, else `wall-` and eight random letters and digits.
    var code: String { (wallCode ?? "wall-" + (JoinCode.random() + JoinCode.random()).prefix(8)).lowercased() }
}
