import Forms
import Foundation
import Settings
import Templates

/// The two blank forms `init` puts in `templates/`.
public enum WorkspaceTemplates {
    /// Writes the reflection and proposal forms with the workspace's settings (its 担当課 and choices);
    /// forms already there are kept. Returns the paths written.
    public static func write(into workspace: Workspace, settings: Settings) throws -> [String] {
        var written: [String] = []
        for kind in [FormKind.reflection, .proposal] {
            let path = (workspace.templates as NSString).appendingPathComponent(TemplateWriter.defaultFileName(kind))
            guard !FileManager.default.fileExists(atPath: path) else { continue }
            try TemplateWriter.write(kind, settings: settings, to: path)
            written.append(path)
        }
        return written
    }
}
