import Core
import Foundation
import Forms

/// 中間 or 最終: which reflection of a project's year a sheet is.
public enum Phase: String, Hashable, Sendable, CaseIterable, Comparable {
    /// 中間: the interim reflection of a long project.
    case interim = "中間"
    /// 最終: the final reflection.
    case final = "最終"
    /// The sheet does not say. Counted as the final reflection when looking for missing ones,
    /// because the standard form has no phase field and is filled in once, at the end.
    case unspecified = "記載なし"

    /// Reads 中間/最終 from a form's text; anything else is `.unspecified`.
    public init(text: String?) {
        switch text.map(NameNormalizer.normalize) {
        case "中間"?: self = .interim
        case "最終"?: self = .final
        default: self = .unspecified
        }
    }

    /// Whether this reflection closes the year.
    public var closesYear: Bool { self != .interim }

    public static func < (lhs: Phase, rhs: Phase) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Where a record came from: the file and the sheet, for lists and messages.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var file: String
    public var sheet: String

    public init(file: String, sheet: String) {
        self.file = file
        self.sheet = sheet
    }

    /// Byte order of the UTF-8 text: deterministic, and much cheaper than `String`'s Unicode ordering.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        if lhs.file != rhs.file { return ByteOrder.less(lhs.file, rhs.file) }
        return ByteOrder.less(lhs.sheet, rhs.sheet)
    }
}

/// One accepted ふりかえりシート as plain values. Holds no personal data.
public struct Submission: Hashable, Sendable {
    /// Western year of the April the fiscal year starts in.
    public var fiscalYear: Int
    public var phase: Phase
    public var orgName: String { didSet { projectKey = ProjectKey(orgName: orgName, projectName: projectName) } }
    public var projectName: String { didSet { projectKey = ProjectKey(orgName: orgName, projectName: projectName) } }
    /// The key that links this reflection to its proposal and to its other years; kept up to date
    /// with the names (normalising is not free, and sorting asks for it often).
    public private(set) var projectKey: ProjectKey
    /// The key of the names as read, before any masking or anonymising: what 事業ID is made from, so
    /// that a project has one ID in every output, anonymised or not.
    public let identityKey: ProjectKey
    /// 担当課 as written on the reflection; empty when absent.
    public var department: String
    /// The group's scores, 1 to 5, for the viewpoints that hold a readable score.
    public var scores: [Viewpoint: Int]
    /// The city's scores (市の評価), when the sheet has them.
    public var cityScores: [Viewpoint: Int]
    /// The per-viewpoint 団体のコメント.
    public var viewpointComments: [Viewpoint: String]
    public var orgComment: String
    public var cityComment: String
    public var outlook: String
    public var source: SourceLocation
    /// Cells of the text fields (`org_comment`, `comments.achievement`…), to name them in messages.
    public var cells: [String: String]

    public init(fiscalYear: Int, phase: Phase, orgName: String, projectName: String, department: String = "",
                scores: [Viewpoint: Int], cityScores: [Viewpoint: Int] = [:],
                viewpointComments: [Viewpoint: String] = [:], orgComment: String = "", cityComment: String = "",
                outlook: String = "", source: SourceLocation, cells: [String: String] = [:]) {
        self.fiscalYear = fiscalYear
        self.phase = phase
        self.orgName = orgName
        self.projectName = projectName
        self.department = department
        self.scores = scores
        self.cityScores = cityScores
        self.viewpointComments = viewpointComments
        self.orgComment = orgComment
        self.cityComment = cityComment
        self.outlook = outlook
        self.source = source
        self.cells = cells
        projectKey = ProjectKey(orgName: orgName, projectName: projectName)
        identityKey = projectKey
    }
}

/// One accepted 企画提案書 as plain values. The personal fields (代表者, 所在地, 電話, メール) are
/// deliberately not part of it, so nothing built from it can leak them.
public struct ProposalRecord: Hashable, Sendable {
    public var fiscalYear: Int
    public var orgName: String { didSet { projectKey = ProjectKey(orgName: orgName, projectName: projectName) } }
    public var projectName: String { didSet { projectKey = ProjectKey(orgName: orgName, projectName: projectName) } }
    /// Normalised 団体名 and 事業名, kept up to date with the names.
    public private(set) var projectKey: ProjectKey
    /// The key of the names as read; see `Submission.identityKey`.
    public let identityKey: ProjectKey
    /// 募集区分: 新規チャレンジ部門 or 継続ステップアップ部門.
    public var category: String
    /// 募集の種類: 自由テーマ型 or テーマ設定型.
    public var proposalType: String
    public var theme: String
    /// 協働の形態.
    public var collaborationForm: String
    public var department: String
    /// 継続年数, 1 to 3, when stated.
    public var yearNumber: Int?
    public var localIssue: String
    public var purpose: String
    public var description: String
    public var expectedEffect: String
    public var orgRole: String
    public var cityRole: String
    public var totalCost: Int?
    public var requestedAmount: Int?
    public var source: SourceLocation

    public init(fiscalYear: Int, orgName: String, projectName: String, category: String = "",
                proposalType: String = "", theme: String = "", collaborationForm: String = "",
                department: String = "", yearNumber: Int? = nil, localIssue: String = "", purpose: String = "",
                description: String = "", expectedEffect: String = "", orgRole: String = "", cityRole: String = "",
                totalCost: Int? = nil, requestedAmount: Int? = nil, source: SourceLocation) {
        self.fiscalYear = fiscalYear
        self.orgName = orgName
        self.projectName = projectName
        self.category = category
        self.proposalType = proposalType
        self.theme = theme
        self.collaborationForm = collaborationForm
        self.department = department
        self.yearNumber = yearNumber
        self.localIssue = localIssue
        self.purpose = purpose
        self.description = description
        self.expectedEffect = expectedEffect
        self.orgRole = orgRole
        self.cityRole = cityRole
        self.totalCost = totalCost
        self.requestedAmount = requestedAmount
        self.source = source
        projectKey = ProjectKey(orgName: orgName, projectName: projectName)
        identityKey = projectKey
    }
}

/// A project across years: normalised 団体名 and 事業名 (NFKC, spaces removed).
///
/// Compared and hashed by UTF-8 bytes: both names are NFKC already, so equal names have equal
/// bytes, and byte order is deterministic and far cheaper than `String`'s Unicode-aware order.
public struct ProjectKey: Hashable, Sendable, Comparable {
    public var org: String
    public var project: String

    public init(orgName: String, projectName: String) {
        org = NameNormalizer.normalize(orgName)
        project = NameNormalizer.normalize(projectName)
    }

    public static func == (lhs: ProjectKey, rhs: ProjectKey) -> Bool {
        ByteOrder.compare(lhs.org, rhs.org) == 0 && ByteOrder.compare(lhs.project, rhs.project) == 0
    }

    public func hash(into hasher: inout Hasher) {
        var org = org, project = project
        org.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)  // not a UTF-8 byte: separates the two names
        project.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (lhs: ProjectKey, rhs: ProjectKey) -> Bool {
        let c = ByteOrder.compare(lhs.org, rhs.org)
        return c != 0 ? c < 0 : ByteOrder.compare(lhs.project, rhs.project) < 0
    }
}
