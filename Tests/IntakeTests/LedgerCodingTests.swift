import Foundation
@testable import Intake
import Testing

/// The ledger's hand-written timestamps against Foundation's ISO 8601 formatter.
struct LedgerCodingTests {
    private func foundationTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    @Test func timestampSpellsKnownInstantsAsISO8601WithMilliseconds() {
        #expect(LedgerCoding.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(LedgerCoding.timestamp(Date(timeIntervalSince1970: 1_714_555_800.25)) == "2024-05-01T09:30:00.250Z")
        #expect(LedgerCoding.timestamp(Date(timeIntervalSince1970: 951_782_399.999)) == "2000-02-28T23:59:59.999Z")
        #expect(LedgerCoding.timestamp(Date(timeIntervalSince1970: 951_868_800)) == "2000-03-01T00:00:00.000Z")
    }

    @Test func timestampMatchesFoundationOnWholeMilliseconds() {
        var generator = SystemRandomNumberGenerator()
        // Leap days, year and century ends, and random instants between 1990 and 2100.
        var seconds: [Int64] = [946_684_799, 946_684_800, 951_782_400, 1_709_164_800, 4_107_542_399, 4_107_542_400]
        for _ in 0..<5000 { seconds.append(Int64.random(in: 631_152_000...4_102_444_800, using: &generator)) }
        for second in seconds {
            let milliseconds = Int64.random(in: 0..<1000, using: &generator)
            // Whole milliseconds plus a little, so binary fractions do not fall just below the boundary.
            let date = Date(timeIntervalSince1970: Double(second) + (Double(milliseconds) + 0.25) / 1000)
            #expect(LedgerCoding.timestamp(date) == foundationTimestamp(date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func timestampsOfLaterInstantsSortLater() {
        let earlier = LedgerCoding.timestamp(Date(timeIntervalSince1970: 1_700_000_000.999))
        let later = LedgerCoding.timestamp(Date(timeIntervalSince1970: 1_700_000_001.0))
        #expect(earlier < later)
    }
}
