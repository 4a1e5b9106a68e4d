import Forms
// Per-year figures as plain values. (filled in by the aggregation work)
