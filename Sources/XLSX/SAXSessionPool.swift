#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One spare XML parser per thread, handed from workbook to workbook.
///
/// Making and freeing a libxml2 push parser (and its 64 KiB buffer) for every workbook cost a few
/// per cent of validating thousands of small files. A parser is only kept when its last document
/// ended cleanly (`SAXSession.isReusable`), and each document resets it as a new parser would be.
enum SAXSessionPool {
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        // The thread's parser is released when the thread ends.
        pthread_key_create(&key) { raw in
            let pointer: UnsafeMutableRawPointer? = raw  // optional on Linux, not on Darwin
            if let pointer { Unmanaged<SAXSession>.fromOpaque(pointer).release() }
        }
        return key
    }()

    /// The calling thread's spare parser, taken out of the pool; nil when it has none.
    static func take() -> SAXSession? {
        guard let raw = pthread_getspecific(key) else { return nil }
        pthread_setspecific(key, nil)
        return Unmanaged<SAXSession>.fromOpaque(raw).takeRetainedValue()
    }

    /// Keeps `session` as the calling thread's spare, if it may be reused and the thread has none.
    static func keep(_ session: SAXSession) {
        guard session.isReusable, pthread_getspecific(key) == nil else { return }
        pthread_setspecific(key, Unmanaged.passRetained(session).toOpaque())
    }
}
