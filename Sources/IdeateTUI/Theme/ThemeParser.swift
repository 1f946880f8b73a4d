import Foundation
import IdeateCore
import Yams

/// Reads `themes/*.yaml` into a ``Theme``, reporting each problem at its line and column.
///
/// ```yaml
/// name: default
/// description: Dark background, calm colours.
/// roles:
///   text: { fg: white }
///   timer-critical: { fg: white, bg: red, bold: true }
/// ```
public enum ThemeParser {
    static let attributeKeys = ["fg", "bg", "bold", "underline", "reverse", "dim"]

    /// The YAML key of a role: `timerWarning` is written `timer-warning`.
    static func key(for role: StyleRole) -> String {
        role.rawValue.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }

    public static func parse(_ source: String) -> Result<Theme, SourceDiagnostics> {
        let document = YAMLDocument()
        guard let root = document.root(of: source) else { return .failure(SourceDiagnostics(document.diagnostics)) }
        let fields = document.mapping(root, named: "the theme", allowed: ["name", "description", "color", "roles"])
        let name = document.text(fields["name"], key: "name", required: true, parentMark: root) ?? ""
        let description = document.text(fields["description"], key: "description", required: false) ?? ""
        var usesColor = true
        if let colorNode = fields["color"] {
            if let value = colorNode.bool { usesColor = value } else { document.report(colorNode, "`color` should be true or false") }
        }
        var looks = Theme.monochrome.looks
        if let rolesNode = fields["roles"] {
            let roleKeys = StyleRole.themeable.map(key(for:))
            for (key, node) in document.mapping(rolesNode, named: "`roles`", allowed: roleKeys) {
                guard let role = StyleRole.themeable.first(where: { Self.key(for: $0) == key }) else { continue }
                looks[role] = parseLook(node, role: key, document)
            }
        } else if case .mapping = root {
            document.report(root, "missing `roles`: a theme gives each role a look")
        }
        guard document.diagnostics.isEmpty else { return .failure(SourceDiagnostics(document.diagnostics)) }
        return .success(Theme(name: name, description: description, usesColor: usesColor, looks: looks))
    }

    private static func parseLook(_ node: Node, role: String, _ document: YAMLDocument) -> Theme.Look {
        let fields = document.mapping(node, named: "`\(role)`", allowed: attributeKeys)
        var look = Theme.Look()
        look.foreground = fields["fg"].flatMap { parseColor($0, document) } ?? .terminalDefault
        look.background = fields["bg"].flatMap { parseColor($0, document) } ?? .terminalDefault
        for (key, apply) in [("bold", { (l: inout Theme.Look, v: Bool) in l.bold = v }),
                             ("underline", { $0.underline = $1 }), ("reverse", { $0.reverse = $1 }), ("dim", { $0.dim = $1 })] {
            guard let valueNode = fields[key] else { continue }
            if let value = valueNode.bool { apply(&look, value) } else { document.report(valueNode, "`\(key)` should be true or false") }
        }
        return look
    }

    private static func parseColor(_ node: Node, _ document: YAMLDocument) -> Theme.Color? {
        guard let text = node.string?.lowercased() else {
            document.report(node, "a colour should be a name or a number")
            return nil
        }
        if text == "default" { return .terminalDefault }
        if let index = Theme.Color.names[text] { return .index(index) }
        if let number = Int(text), (0...255).contains(number) { return .index(number) }
        let suggestion = DidYouMean.suggestion(for: text, among: Array(Theme.Color.names.keys) + ["default"])
        document.report(node, "unknown colour `\(text)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "; use a name such as `cyan`, `default`, or 0–255"))
        return nil
    }
}
