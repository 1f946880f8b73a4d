/// The pseudo-locale's sentences, made from English: letters accented, each sentence about
/// 35 % longer and in brackets, placeholders kept. Any English left on a screen or in an export
/// run in this language was never translated; anything cut off has too little room.
enum PseudoLocale {
    private static let accented: [Character: Character] = [
        "a": "á", "b": "ƀ", "c": "ç", "d": "ð", "e": "é", "g": "ĝ", "h": "ĥ", "i": "í", "j": "ĵ", "k": "ķ",
        "l": "ĺ", "n": "ñ", "o": "ö", "r": "ŕ", "s": "š", "t": "ţ", "u": "ü", "w": "ŵ", "y": "ý", "z": "ž",
        "A": "Å", "C": "Ç", "D": "Ð", "E": "É", "G": "Ĝ", "I": "Î", "L": "Ĺ", "N": "Ñ", "O": "Ö", "R": "Ŕ",
        "S": "Š", "T": "Ţ", "U": "Û", "Y": "Ý", "Z": "Ž",
    ]
    private static let padding = Array("~ôñé ţŵö ţĥŕéé ƒöûŕ ƒîvé šîx šévéñ éîĝĥţ ñîñé ţéñ")

    static func transform(_ english: String) -> String {
        var result = ""
        var inPlaceholder = false
        for character in english {
            if character == "{" { inPlaceholder = true }
            if inPlaceholder {
                result.append(character)
                if character == "}" { inPlaceholder = false }
                continue
            }
            result.append(accented[character] ?? character)
        }
        // About 35 % longer, counted on the sentence's own letters (at least one character).
        let extra = max(1, (english.count * 35 + 99) / 100)
        return "[" + result + " " + String(padding.prefix(extra - 1)) + "]"
    }
}
