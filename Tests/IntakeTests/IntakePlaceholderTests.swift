import Testing

// Replaced by the real tests of this stage.
@Test func placeholder() {}
