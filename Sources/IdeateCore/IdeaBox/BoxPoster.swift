/// The idea box's poster for the break room: a printable HTML page (A4, one page) with the QR
/// code, the address, the standing questions and the three anonymity sentences. Every text it
/// shows is escaped; it loads nothing from anywhere.
public struct BoxPoster: Sendable {
    /// What the box promises, as the page and the poster say it.
    public static let anonymityPhrases: [BoxPhrase] = [.anonymous, .noTrace, .onlyYourPhone]

    /// The promise in English (the words of `anonymityPhrases`).
    public static var anonymitySentences: [String] { anonymityPhrases.map { Localizer.english($0) } }

    /// A QR code's modules, row by row (dark is true), without the quiet zone.
    public struct Modules: Sendable {
        public let size: Int
        public let dark: [Bool]

        public init(size: Int, dark: [Bool]) {
            precondition(dark.count == size * size, "a QR code is square")
            self.size = size
            self.dark = dark
        }
    }

    public let settings: BoxSettings
    public let address: String
    public let code: Modules
    public let today: CalendarDate
    /// The language the poster is written in (the box's).
    public let language: Language

    public init(settings: BoxSettings, address: String, code: Modules, today: CalendarDate, language: Language = .english) {
        self.settings = settings
        self.address = address
        self.code = code
        self.today = today
        self.language = language
    }

    /// The poster as one HTML document.
    public func html() -> String {
        let t = Localizer(language)
        let questions = settings.openQuestions(on: today).map { question in
            "<li>\(HTMLEscaping.text(question.text))"
                + (question.until.map { " <span class=\"until\">\(HTMLEscaping.text(t(BoxPhrase.until, ["date": .text(t.date($0))])))</span>" } ?? "") + "</li>"
        } + ["<li>\(HTMLEscaping.text(t(BoxPhrase.posterAnythingElse)))</li>"]
        return """
            <!doctype html>
            <html lang="\(language.code)">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLEscaping.text(settings.title))</title>
            <style>
            @page{size:A4;margin:15mm}
            body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;color:#111;margin:0 auto;max-width:180mm;line-height:1.35}
            h1{font-size:34pt;margin:0 0 4mm}
            .lead{font-size:17pt;margin:0 0 8mm}
            .code{text-align:center;margin:0 0 6mm}
            .code svg{width:95mm;height:95mm}
            .address{font-size:20pt;font-weight:700;margin:2mm 0 0;overflow-wrap:anywhere}
            h2{font-size:16pt;margin:6mm 0 2mm}
            ul{font-size:15pt;margin:0;padding-left:7mm}
            .until{color:#444;font-size:12pt}
            .promise{margin-top:9mm;border-top:1mm solid #111;padding-top:4mm;font-size:13pt}
            .promise p{margin:0 0 2mm}
            </style>
            </head>
            <body>
            <h1>\(HTMLEscaping.text(settings.title))</h1>
            <p class="lead">\(HTMLEscaping.text(t(BoxPhrase.posterLead)))</p>
            <div class="code">\(svg(t))<p class="address">\(HTMLEscaping.text(address))</p></div>
            <h2>\(HTMLEscaping.text(t(BoxPhrase.posterAsking)))</h2>
            <ul>
            \(questions.joined(separator: "\n"))
            </ul>
            <div class="promise">
            \(Self.anonymityPhrases.map { "<p>\(HTMLEscaping.text(t($0)))</p>" }.joined(separator: "\n"))
            </div>
            </body>
            </html>

            """
    }

    /// The code as an SVG path, one unit per module, with the quiet zone.
    func svg(_ t: Localizer) -> String {
        let quiet = 4, side = code.size + 2 * quiet
        var path = ""
        for y in 0..<code.size {
            for x in 0..<code.size where code.dark[y * code.size + x] { path += "M\(x + quiet) \(y + quiet)h1v1h-1z" }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" shape-rendering=\"crispEdges\" role=\"img\" "
            + "aria-label=\"\(HTMLEscaping.text(t(BoxPhrase.qrLabel, ["address": .text(address)])))\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" d=\"\(path)\"/></svg>"
    }
}
