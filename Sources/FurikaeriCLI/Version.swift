/// The version `furikaeri --version` prints; `make deb` reads it from here for the package's version.
enum FurikaeriVersion {
    static let current = "0.1.0"
}
