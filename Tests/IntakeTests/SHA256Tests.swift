import Foundation
import Intake
import Testing

@Test func sha256MatchesTheStandardTestVectors() {
    #expect(SHA256Hasher.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256Hasher.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256Hasher.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(SHA256Hasher.hex(of: Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256GivesTheSameDigestWhateverTheChunking() {
    let data = Data((0..<1000).map { UInt8($0 % 251) })
    for chunk in [1, 7, 63, 64, 65, 500] {
        var hasher = SHA256Hasher()
        var offset = 0
        while offset < data.count {
            hasher.update(data.subdata(in: offset..<min(offset + chunk, data.count)))
            offset += chunk
        }
        #expect(hasher.finalizeHex() == SHA256Hasher.hex(of: data))
    }
}
