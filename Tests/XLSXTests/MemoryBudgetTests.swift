import Dispatch
import Foundation
import Testing
import TestSupport
@testable import XLSX

/// A shared `MemoryBudget`: files over their own limit are refused the same way alone or in company;
/// a file that finds the budget short stops, gives back what it held, and is read again alone with
/// the same result; nothing stays charged afterwards.
@Suite struct MemoryBudgetTests {
    /// 100 × 100 numbers: 10,000 cells, about 1.9 MB held by the reader's estimate.
    static func numbersBook() throws -> String {
        try write(HostileFiles.bookWithSheet(HostileFiles.numberGridSheet(rows: 100, columns: 100)), "numbers.xlsx")
    }

    static func write(_ entries: [ZipWriter.Entry], _ name: String) throws -> String {
        let url = try makeTemporaryDirectory("memory-budget").appendingPathComponent(name)
        try ZipWriter.write(entries, to: url)
        return url.path
    }

    @Test func aFileOverItsHeldLimitIsRefusedAloneAndSharingABudget() throws {
        let path = try Self.numbersBook()
        let limits = ReaderLimits(maxHeldBytes: 1 << 20)
        let alone = xlsxError { _ = try Workbook.open(path: path, limits: limits).grid(sheetAt: 0) }
        #expect(alone == .limitExceeded(limit: .heldBytes, detail: "> 1 MiB"))
        let budget = MemoryBudget(capacity: 8 << 20)
        let shared = xlsxError {
            _ = try budget.reading(limits: limits) { share in try Workbook.open(path: path, limits: limits, memory: share).grid(sheetAt: 0) }
        }
        #expect(shared == alone)
        #expect(budget.bytesInUse == 0)
    }

    @Test func aShortBudgetStopsTheReadingWhichIsThenReadAloneWithTheSameGrid() throws {
        let path = try Self.numbersBook()
        let limits = ReaderLimits(maxHeldBytes: 3 << 20)
        let expected = try Workbook.open(path: path, limits: limits).grid(sheetAt: 0)
        let budget = MemoryBudget(capacity: 4 << 20)
        // Another file holds 3 MiB: one step is left, too little for this file's 1.9 MB.
        #expect(budget.take(3 << 20, waiting: true))
        let stopped = xlsxError {
            _ = try Workbook.open(path: path, limits: limits, memory: .shared(budget, holding: 0)).grid(sheetAt: 0)
        }
        #expect(stopped == .memoryBusy)
        #expect(budget.bytesInUse == 3 << 20, "the stopped file gave back what it took")
        // The other file finishes a moment later; the reading waits for it, alone, and gets the same grid.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { budget.release(3 << 20) }
        let started = Date()
        let grid = try budget.reading(limits: limits) { share in
            try Workbook.open(path: path, limits: limits, memory: share).grid(sheetAt: 0)
        }
        #expect(Date().timeIntervalSince(started) >= 0.15, "read before the other file gave its memory back")
        #expect(grid == expected)
        #expect(budget.bytesInUse == 0)
    }

    @Test func manyReadersSharingASmallBudgetAllFinishWithTheirOwnResults() throws {
        let path = try Self.numbersBook()
        let limits = ReaderLimits(maxHeldBytes: 3 << 20)
        let expected = try Workbook.open(path: path, limits: limits).grid(sheetAt: 0).cells.count
        let budget = MemoryBudget(capacity: 4 << 20)
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 24)
        defer { counts.deallocate() }
        counts.initialize(repeating: -1)
        let slots = CountSlots(buffer: counts)
        DispatchQueue.concurrentPerform(iterations: 24) { i in
            let count = try? budget.reading(limits: limits) { share in
                try Workbook.open(path: path, limits: limits, memory: share).grid(sheetAt: 0).cells.count
            }
            slots.buffer[i] = count ?? -2
        }
        #expect(Array(counts) == Array(repeating: expected, count: 24))
        #expect(budget.bytesInUse == 0)
    }
}

/// Slots written by different `concurrentPerform` iterations, one each.
private struct CountSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Int>
}
