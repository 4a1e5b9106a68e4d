import Testing
@testable import Aggregation

@Test func phrasesMatchWhateverTheWidthAndSpacing() {
    let replacer = PhraseReplacer([(phrase: "架空 花子", replacement: "＊"), (phrase: "NPO法人みどり", replacement: "団体A01"),
                                   (phrase: "ミドリ会", replacement: "団体A02")], ignoringWidthAndSpaces: true)
    #expect(replacer.replace(in: "担当は架空花子さん") == "担当は＊さん")
    #expect(replacer.replace(in: "担当は架空　花子さん、架空 花子さん") == "担当は＊さん、＊さん")
    #expect(replacer.replace(in: "ＮＰＯ法人　みどりと協力（１回）") == "団体A01と協力（１回）")
    // Half-width katakana with a separate voiced mark: ﾐﾄﾞﾘ is ミドリ.
    #expect(replacer.replace(in: "ﾐﾄﾞﾘ会の活動") == "団体A02の活動")
    let midori = PhraseReplacer([(phrase: "ミドリ", replacement: "X")], ignoringWidthAndSpaces: true)
    #expect(midori.replace(in: "aﾐﾄﾞﾘb ﾐﾄﾞﾘ") == "aXb X")
    #expect(midori.replace(in: "ﾐﾄﾘ") == "ﾐﾄﾘ")
    #expect(PhraseReplacer([(phrase: "ガス", replacement: "X")], ignoringWidthAndSpaces: true).replace(in: "都市ｶﾞｽ代") == "都市X代")
    #expect(replacer.replace(in: "関係のない文") == "関係のない文")
    // Without the option, only the phrase as written matches.
    #expect(PhraseReplacer([(phrase: "架空 花子", replacement: "＊")]).replace(in: "架空花子") == "架空花子")
}

@Test func anonymizerKeepsKnownCodesAndGivesNewOnesTheFirstFreeCodes() {
    let first = Anonymizer(records: SampleRecords.records)
    #expect(first.newCodes == first.codes && first.codes.count == 4)
    // A new organisation that sorts first does not shift the known codes.
    var records = SampleRecords.records
    var newcomer = SampleRecords.kosodate
    newcomer.orgName = "あいうえ会"
    records.submissions.append(newcomer)
    let second = Anonymizer(records: records, known: first.codes)
    for (name, code) in first.codes { #expect(second.codes[name] == code) }
    #expect(second.newCodes == ["あいうえ会": "団体A05"])
    // A code taken by an organisation absent from this run is never given to another.
    let third = Anonymizer(records: RecordSet(submissions: [newcomer]), known: ["よその会": "団体A01"])
    #expect(third.codes["あいうえ会"] == "団体A02")
}
