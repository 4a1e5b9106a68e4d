import Foundation

/// Descriptive statistics of one viewpoint's scores (1 to 5).
///
/// The standard deviation is the **sample** standard deviation (divisor n − 1), since the year's
/// projects are read as a sample of how the programme works; it is nil when n < 2.
public struct ScoreStatistics: Hashable, Sendable {
    public var n: Int
    public var mean: Double?
    public var median: Double?
    /// Sample standard deviation (n − 1); nil when n < 2.
    public var standardDeviation: Double?
    /// How many scores were 1, 2, 3, 4 and 5 (index 0 is the count of 1).
    public var counts: [Int]
    /// The share of scores of 4 or 5, from 0 to 1; nil when n = 0.
    public var shareFourOrAbove: Double?

    public init(scores: [Int]) {
        n = scores.count
        var counts = [0, 0, 0, 0, 0]
        for s in scores where (1...5).contains(s) { counts[s - 1] += 1 }
        self.counts = counts
        guard n > 0 else { return }
        let sum = scores.reduce(0, +)
        let mean = Double(sum) / Double(n)
        self.mean = mean
        let sorted = scores.sorted()
        median = n % 2 == 1 ? Double(sorted[n / 2]) : Double(sorted[n / 2 - 1] + sorted[n / 2]) / 2
        if n >= 2 {
            let squares = scores.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
            standardDeviation = (squares / Double(n - 1)).squareRoot()
        }
        shareFourOrAbove = Double(counts[3] + counts[4]) / Double(n)
    }
}
