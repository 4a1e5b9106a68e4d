import Aggregation
import Core
import Forms
import Foundation

/// What the ledger stores of one accepted form beside its identity: its fields packed (what the
/// program reads back), the same fields as SQLite JSON (what IT staff read), and its searchable texts
/// folded. Made from the form alone, so that the workers that validated a file make it while the one
/// thread that commits only runs the INSERTs (`run` commits thousands of forms a batch).
public struct LedgerFormColumns: Sendable {
    /// `FieldPacking.pack` of the fields.
    var packed: [UInt8]
    /// `Ledger.fieldValuesJSON` of the fields.
    var fieldValues: String
    /// One per searchable field that is not blank (`Ledger.searchableFields` order).
    var texts: [SearchableText]

    struct SearchableText: Sendable {
        var field: String
        /// `SearchFolding.fold(original)`: what a search matches.
        var folded: String
        /// The text as read: what a search shows.
        var original: String
    }

    public init(_ form: ExtractedForm) {
        packed = FieldPacking.pack(form.fields)
        fieldValues = Ledger.fieldValuesJSON(form.fields)
        texts = Self.searchableTexts(of: form.fields)
    }

    /// The searchable texts of `fields` that hold more than white space.
    static func searchableTexts(of fields: [String: FieldReading]) -> [SearchableText] {
        Ledger.searchableFields.compactMap { key in
            guard let reading = fields[key] else { return nil }
            let text = RecordBuilder.text(reading.value)
            guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
            return SearchableText(field: key, folded: SearchFolding.fold(text), original: text)
        }
    }
}
