/// The version of the export contract: the JSON document's shape and the CSV's column set. A
/// tool that reads exports checks it instead of guessing from the fields; README.md's "Export
/// formats" documents the current version, and the golden files in
/// `Tests/IdeateCoreTests/Golden/` pin it.
public enum ExportFormatVersion {
    /// Raise it whenever a JSON field or a CSV column is renamed, removed, retyped or changes
    /// meaning. Version 1 (unnumbered) had 0-based action-item rounds and epoch milliseconds.
    public static let current = 2
}
