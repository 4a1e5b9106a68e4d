import Foundation

/// Headless Chromium (Debian's `chromium`), a test-time oracle for the HTML we write: it loads a page
/// from file://, runs its scripts, and dumps the resulting DOM or a screenshot. Tests that need it are
/// `.enabled(if: Chromium.path != nil)`, so they show as skipped where it is not installed.
public enum Chromium {
    public static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The DOM of `url` (a file:// URL, with its query or fragment) once loaded and its scripts run.
    public static func dumpDOM(_ url: String) throws -> String {
        String(decoding: try run(["--dump-dom", url]), as: UTF8.self)
    }

    /// A PNG screenshot of `url` at `width`×`height` CSS pixels.
    public static func screenshot(_ url: String, width: Int = 1000, height: Int = 1400) throws -> Data {
        let scratch = try makeTemporaryDirectory("chromium-shot")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let png = scratch.appendingPathComponent("page.png")
        _ = try run(["--window-size=\(width),\(height)", "--hide-scrollbars", "--screenshot=\(png.path)", url])
        return try Data(contentsOf: png)
    }

    /// How many pages `url` prints to (A4, as the page's print style sheet asks), read from the PDF
    /// Chromium makes: its page objects (`/Type /Page`, not `/Pages`).
    public static func printedPageCount(_ url: String) throws -> Int {
        let scratch = try makeTemporaryDirectory("chromium-pdf")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let pdf = scratch.appendingPathComponent("page.pdf")
        _ = try run(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", url])
        let text = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        return text.matches(of: #//Type\s*/Page(?![a-zA-Z])/#).count
    }

    /// `file://` URL of a local path, each part percent-encoded (the folder names are Japanese).
    public static func fileURL(_ path: String, fragment: String? = nil, query: String? = nil) -> String {
        var components = URLComponents()
        components.scheme = "file"
        components.host = ""
        components.path = path
        components.query = query
        components.fragment = fragment
        return components.string ?? "file://" + path
    }

    /// Runs chromium headless with its own throw-away profile (parallel runs never share one).
    private static func run(_ arguments: [String]) throws -> Data {
        guard let path else { throw Failure(description: "chromium is not installed") }
        let profile = try makeTemporaryDirectory("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                             "--user-data-dir=\(profile.path)"] + arguments
        let output = try runCapturingOutput(process)
        guard output.status == 0 else {
            throw Failure(description: "chromium exited \(output.status): \(String(decoding: output.stderr.suffix(2000), as: UTF8.self))")
        }
        return output.stdout
    }
}
