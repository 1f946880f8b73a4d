/// English ordinals for the follow-up screen, which speaks English only ("3rd time"): 1st, 2nd,
/// 3rd, 4th, and 11th to 13th.
enum Ordinal {
    static func english(_ number: Int) -> String {
        let lastTwo = number % 100, last = number % 10
        let suffix = (11...13).contains(lastTwo) ? "th" : last == 1 ? "st" : last == 2 ? "nd" : last == 3 ? "rd" : "th"
        return "\(number)\(suffix)"
    }
}
