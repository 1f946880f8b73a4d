/// The 2×2 of impact against effort as lines of text: the console and the wall draw it, the
/// minutes carry it in a code block. Each rated idea is its number at its medians (impact up,
/// effort to the right); the quadrants are named above and below the plot (quick wins top left,
/// big bets top right, fill-ins bottom left, not now bottom right). Ideas at the same place
/// share it ("1,3").
public enum RatingChart {
    /// Columns of the plot area (effort 1 to 5 every 8 columns) and rows (impact 5 to 1 every 2).
    static let plotWidth = 33
    static let plotHeight = 9

    /// The chart's lines; `numbers` are what the list beside it calls each idea (1 for the first).
    public static func lines(_ rated: [RatedIdea], numbers: [Int], localizer t: Localizer) -> [String] {
        lines(points: rated.map { (impact: $0.impact.median, effort: $0.effort.median) }, numbers: numbers, localizer: t)
    }

    /// The chart for ideas at these medians.
    public static func lines(points: [(impact: Double, effort: Double)], numbers: [Int], localizer t: Localizer) -> [String] {
        var plot = Array(repeating: Array(repeating: Character(" "), count: plotWidth), count: plotHeight)
        for row in 0..<plotHeight { plot[row][plotWidth / 2] = "│" }
        for column in 0..<plotWidth { plot[plotHeight / 2][column] = column == plotWidth / 2 ? "┼" : "─" }
        // The quadrants are named above and below the plot, so no idea's number covers a name;
        // a long name is written whole, past the plot's edge if need be.
        func names(_ left: CommonPhrase, _ right: CommonPhrase) -> String {
            let leftName = t(left), rightName = t(right)
            let gap = plotWidth - leftName.count - rightName.count
            return "    " + leftName + String(repeating: " ", count: max(2, gap)) + rightName
        }
        var marks: [[Int]: [Int]] = [:]
        for (point, number) in zip(points, numbers) {
            let column = Int(((point.effort - 1) * 8).rounded())
            let row = Int(((5 - point.impact) * 2).rounded())
            marks[[row, column], default: []].append(number)
        }
        for (place, numbers) in marks.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let text = Array(numbers.sorted().map(String.init).joined(separator: ","))
            let start = max(0, min(place[1], plotWidth - text.count))
            for (offset, character) in text.enumerated() { plot[place[0]][start + offset] = character }
        }
        let axis: [Int: String] = [0: "5", plotHeight / 2: "3", plotHeight - 1: "1"]
        var lines = [t(CommonPhrase.axisImpact), names(.quadrantQuickWins, .quadrantBigBets)]
        for row in 0..<plotHeight { lines.append((axis[row].map { " \($0) ┤" } ?? "   │") + String(plot[row])) }
        lines.append("   └" + String(repeating: "─", count: plotWidth))
        lines.append("    1       2       3       4       5  " + t(CommonPhrase.axisEffort))
        lines.append(names(.quadrantFillIns, .quadrantNotNow))
        return lines.map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
    }

    /// A rated idea's medians and spreads as one sentence: "impact 4.5 (spread 1) · effort 2
    /// (spread 3)".
    public static func figures(_ rated: RatedIdea, _ t: Localizer) -> String {
        t(CommonPhrase.ratingFigures, [
            "impact": .text(median(rated.impact.median, t)), "impactSpread": .number(rated.impact.spread),
            "effort": .text(median(rated.effort.median, t)), "effortSpread": .number(rated.effort.spread),
        ])
    }

    /// A median as people read it: 4, or 3.5.
    public static func median(_ value: Double, _ t: Localizer) -> String {
        value == value.rounded() ? t.number(Int(value)) : t.decimal(value, digits: 1)
    }
}
