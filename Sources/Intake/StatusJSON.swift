import Core
import Foundation
import Validation

/// `furikaeri status --json`: the same facts as the text, for scripts (docs/contracts.md).
public enum StatusJSON {
    public static func document(_ report: StatusReport) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        func int(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }
        func rejection(_ file: RejectedFile) -> JSONValue {
            .object(["original_name": .string(file.originalName), "stored_path": .string(file.storedPath),
                     "note_path": text(file.notePath), "fiscal_year": int(file.fiscalYear),
                     "received_at": .string(file.receivedAt), "errors": .int(file.errors),
                     "corrected_by": text(file.correctedBy)])
        }
        let years: [JSONValue] = report.years.map { year in
            .object([
                "fiscal_year": .int(year.fiscalYear),
                "reflections": .int(year.reflections), "proposals": .int(year.proposals),
                "superseded": .int(year.superseded), "duplicates": .int(year.duplicates),
                "withdrawn": .int(year.withdrawn),
                "rejected_waiting": .int(year.rejected), "rejected_corrected": .int(year.corrected),
                "filed_by_receipt": .array(year.filedByReceipt.map { .string($0) }),
                "missing_reflections": .array(year.missing.map { missing in
                    .object(["org_name": .string(missing.orgName), "project_name": .string(missing.projectName),
                             "proposal_received": .bool(missing.proposalReceived),
                             "interim_received": .bool(missing.interimReceived),
                             "rejected_finals": .array(missing.rejectedFinals.map { .string($0) })])
                }),
            ])
        }
        return .object([
            "inbox": .array(report.inbox.map { .object(["name": .string($0.name), "state": .string($0.state.rawValue)]) }),
            "last_run_problems": .array(report.problems.map {
                .object(["name": .string($0.name), "message_ja": .string($0.japanese), "message_en": .string($0.english)])
            }),
            "years": .array(years),
            "rejected": .array(report.rejections.map(rejection)),
            "unlinked": .array(report.unlinked.map { sheet in
                .object(["fiscal_year": .int(sheet.fiscalYear), "org_name": .string(sheet.orgName),
                         "project_name": .string(sheet.projectName), "phase": .string(sheet.phase),
                         "original_name": .string(sheet.originalName), "stored_path": .string(sheet.storedPath)])
            }),
            "missing_from_archive": .array(report.missingFromArchive.map { file in
                .object(["original_name": .string(file.originalName), "stored_path": .string(file.storedPath),
                         "fiscal_year": int(file.fiscalYear), "in_outputs": .bool(file.inOutputs)])
            }),
            "withdrawn": .array(report.withdrawn.map { file in
                .object(["submission_id": .string(file.submissionID), "original_name": .string(file.originalName),
                         "stored_path": .string(file.storedPath), "archived_path": .string(file.archivedPath),
                         "reason": .string(file.reason), "withdrawn_at": .string(file.withdrawnAt),
                         "fiscal_year": int(file.fiscalYear)])
            }),
        ])
    }
}
