import Aggregation
import Forms
import Foundation

/// The 事例集's HTML: the index's shell (the list itself is drawn by `site.js` from `data.js`) and the
/// files of `projects/`, each holding the pages (articles) of a few projects, complete without any
/// script. Every text from the sheets goes through `HTMLText.escape`.
struct CaseSitePages: Sendable {
    var site: CaseSite
    var text: CaseSiteText

    private func e(_ s: String) -> String { HTMLText.escape(s) }

    private func head(title: String, prefix: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(text.htmlLang)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>\(e(title))</title>
        <link rel="stylesheet" href="\(prefix)site.css">
        </head>

        """
    }

    /// `index.html`: the search form, the filters and the (script-drawn) list.
    func index() -> String {
        var h = head(title: text.siteTitle, prefix: "")
        h += """
            <body>
            <a class="skip" href="#main">\(e(text.skipToContent))</a>
            <header class="site"><h1>\(e(text.siteTitle))</h1>\(site.anonymized ? "<p class=\"note\">\(e(text.anonymizedNote))</p>" : "")</header>
            <main id="main" tabindex="-1">
            <section aria-labelledby="find-heading" class="controls">
            <h2 id="find-heading">\(e(text.searchHeading))</h2>
            <form id="search-form" role="search">
            <p class="search-row"><label for="q">\(e(text.searchLabel))</label>
            <input type="search" id="q" name="q" aria-describedby="q-hint" autocomplete="off">
            <button type="submit">\(e(text.searchButton))</button>
            <button type="button" id="clear">\(e(text.clear))</button></p>
            <p id="q-hint" class="hint">\(e(text.searchHint))</p>
            <fieldset class="filters"><legend>\(e(text.filters))</legend>

            """
        for (id, label) in [("f-year", text.year), ("f-dept", text.department), ("f-form", text.collaborationForm),
                            ("f-category", text.category), ("f-phase", text.phase)] {
            h += "<p><label for=\"\(id)\">\(e(label))</label> <select id=\"\(id)\"><option value=\"\">\(e(text.all))</option></select></p>\n"
        }
        h += """
            <p><label for="sort">\(e(text.sort))</label> <select id="sort">
            <option value="year-desc">\(e(text.sortYearDesc))</option>
            <option value="year-asc">\(e(text.sortYearAsc))</option>
            <option value="name">\(e(text.sortName))</option>
            <option value="mean-desc">\(e(text.sortMeanDesc))</option>
            <option value="mean-asc">\(e(text.sortMeanAsc))</option>
            </select></p>
            </fieldset>
            </form>
            </section>
            <section aria-labelledby="list-heading">
            <h2 id="list-heading">\(e(text.listHeading))</h2>
            <p id="status" role="status" aria-live="polite"></p>
            <noscript><p>\(e(text.noScript))</p></noscript>
            <table id="list">
            <caption class="visually-hidden">\(e(text.listHeading))</caption>
            <thead><tr><th scope="col">\(e(text.year))</th><th scope="col">\(e(text.projectName))</th><th scope="col">\(e(text.orgName))</th><th scope="col">\(e(text.department))</th><th scope="col">\(e(text.collaborationForm))</th><th scope="col">\(e(text.category))</th><th scope="col">\(e(text.phase))</th><th scope="col">\(e(text.mean))</th></tr></thead>
            <tbody id="rows"></tbody>
            </table>
            </section>
            </main>
            <script src="data.js"></script>
            <script src="site.js"></script>
            </body>
            </html>

            """
        return h
    }

    /// A file of `projects/`: the articles of `projects` (one year's, in the order listed). Every id
    /// in an article starts with its 事業ID, so that the articles of one file never share one.
    func projectsFile(_ projects: [CaseSite.SiteProject]) -> String {
        let year = projects.first.map { text.yearLabel($0.year) } ?? ""
        var h = head(title: "\(year) – \(text.siteTitle)", prefix: "../")
        h += """
            <body class="project">
            <nav class="back" aria-label="\(e(text.siteTitle))"><a href="../index.html">\(e(text.backToList))</a></nav>
            <main id="main">

            """
        for project in projects { h += article(project) }
        h += "</main>\n</body>\n</html>\n"
        return h
    }

    /// One project's page: `<article id="<事業ID>">`, shown alone when the address names it.
    func article(_ project: CaseSite.SiteProject) -> String {
        let id = e(project.id)
        var h = """
            <article id="\(id)" class="project-page" aria-labelledby="\(id)-title">
            <h1 id="\(id)-title">\(e(project.projectName))</h1>
            <p class="subtitle">\(e(project.orgName)) ・ \(e(text.yearLabel(project.year))) ・ \(id)</p>

            """
        h += facts(project)
        h += reflections(project)
        h += proposal(project)
        h += path(project)
        h += "</article>\n"
        return h
    }

    private func facts(_ project: CaseSite.SiteProject) -> String {
        let proposal = project.proposal
        var items: [(String, String)] = [
            (text.projectID, project.id), (text.year, text.yearLabel(project.year)),
            (text.orgName, project.orgName), (text.projectName, project.projectName),
            (text.department, project.department),
            (text.collaborationForm, proposal?.collaborationForm ?? ""), (text.category, proposal?.category ?? ""),
            (text.category2, proposal?.proposalType ?? ""),
        ]
        if let theme = proposal?.theme, !theme.isEmpty { items.append((text.theme, theme)) }
        if let number = proposal?.yearNumber { items.append((text.yearNumber, String(number))) }
        items.append((text.reflections, project.rows.isEmpty ? text.proposalOnly
                      : project.rows.map { text.phaseLabel($0.submission.phase) }.joined(separator: text.t("・", ", "))))
        let id = e(project.id)
        var h = "<section aria-labelledby=\"\(id)-facts\" class=\"facts\">\n<h2 id=\"\(id)-facts\">\(e(text.facts))</h2>\n<dl>\n"
        for (label, value) in items {
            h += "<div><dt>\(e(label))</dt><dd>\(value.isEmpty ? e(text.notStated) : e(value))</dd></div>\n"
        }
        return h + "</dl>\n</section>\n"
    }

    private func reflections(_ project: CaseSite.SiteProject) -> String {
        let projectID = e(project.id)
        var h = "<section aria-labelledby=\"\(projectID)-reflections\">\n<h2 id=\"\(projectID)-reflections\">\(e(text.reflections))</h2>\n"
        if project.rows.isEmpty { h += "<p>\(e(text.noReflection))</p>\n" }
        for (n, row) in project.rows.enumerated() {
            let s = row.submission
            let id = "\(projectID)-r\(n + 1)"
            h += "<section aria-labelledby=\"\(id)\" class=\"reflection\">\n<h3 id=\"\(id)\">\(e(text.phaseLabel(s.phase)))</h3>\n"
            h += "<h4>\(e(text.scores))</h4>\n"
            h += scores(row, third: n == project.rows.count - 1 ? site.thirdPartyScores?(project.id) : nil, id: id)
            h += "<h4>\(e(text.comments))</h4>\n<dl class=\"comments\">\n"
            var comments: [(String, String)] = [(text.orgComment, s.orgComment), (text.cityComment, s.cityComment),
                                                (text.outlook, s.outlook)]
            for v in Viewpoint.allCases {
                if let c = s.viewpointComments[v], !c.isEmpty { comments.append((text.viewpointComment(v), c)) }
            }
            for (label, value) in comments where !value.isEmpty {
                h += "<dt>\(e(label))</dt><dd>\(HTMLText.lines(value))</dd>\n"
            }
            h += "</dl>\n</section>\n"
        }
        return h + "</section>\n"
    }

    /// The scores as an SVG bar chart (団体, 市 and, when given, 第三者 per viewpoint) and the same
    /// figures as a table, which screen readers read and which prints without colour.
    private func scores(_ row: ProjectRow, third: [Viewpoint: Double]?, id: String) -> String {
        let s = row.submission
        var series: [(label: String, css: String, values: [Viewpoint: Double])] = [
            (text.orgSide, "org", s.scores.mapValues(Double.init)),
        ]
        if !s.cityScores.isEmpty { series.append((text.citySide, "city", s.cityScores.mapValues(Double.init))) }
        if let third, !third.isEmpty { series.append((text.thirdParty, "third", third)) }
        let viewpoints = Viewpoint.allCases
        let labelWidth = 170.0, barArea = 300.0, barHeight = 9.0, groupGap = 8.0
        let groupHeight = Double(series.count) * barHeight + groupGap
        let top = 24.0, height = top + Double(viewpoints.count) * groupHeight + 20
        let width = labelWidth + barArea + 40
        var svg = "<svg class=\"chart\" role=\"img\" aria-labelledby=\"\(id)-chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\">\n"
        svg += "<title id=\"\(id)-chart\">\(e(text.chartTitle))</title>\n"
        // Legend.
        var x = labelWidth
        for item in series {
            svg += "<rect class=\"\(item.css)\" x=\"\(Int(x))\" y=\"4\" width=\"10\" height=\"10\"/><text x=\"\(Int(x) + 14)\" y=\"13\">\(e(item.label))</text>\n"
            x += 90
        }
        for score in 1...5 {
            let gx = labelWidth + barArea * Double(score) / 5
            svg += "<line class=\"grid\" x1=\"\(gx)\" y1=\"\(top - 4)\" x2=\"\(gx)\" y2=\"\(height - 16)\"/>"
            svg += "<text class=\"axis\" x=\"\(gx - 3)\" y=\"\(height - 4)\">\(score)</text>\n"
        }
        for (i, v) in viewpoints.enumerated() {
            let y = top + Double(i) * groupHeight
            svg += "<text x=\"0\" y=\"\(y + Double(series.count) * barHeight / 2 + 4)\">\(e(text.viewpointLabel(v)))</text>\n"
            for (k, item) in series.enumerated() {
                guard let value = item.values[v] else { continue }
                let w = barArea * max(0, min(5, value)) / 5
                svg += "<rect class=\"\(item.css)\" x=\"\(labelWidth)\" y=\"\(y + Double(k) * barHeight)\" width=\"\(w)\" height=\"\(barHeight - 1)\"/>\n"
            }
        }
        svg += "</svg>\n"
        var table = "<table class=\"scores\"><caption class=\"visually-hidden\">\(e(text.chartTitle))</caption>\n<thead><tr><th scope=\"col\">\(e(text.viewpoint))</th>"
        for item in series { table += "<th scope=\"col\">\(e(item.label))</th>" }
        table += "</tr></thead>\n<tbody>\n"
        for v in viewpoints {
            table += "<tr><th scope=\"row\">\(e(text.viewpointLabel(v)))</th>"
            for item in series {
                let value = item.values[v]
                let shown = value.map { $0 == $0.rounded() ? String(Int($0)) : CaseSiteText.fixed($0, digits: 1) } ?? "—"
                table += "<td>\(shown)</td>"
            }
            table += "</tr>\n"
        }
        table += "<tr><th scope=\"row\">\(e(text.mean))</th><td>\(text.mean(row.mean))</td>"
        if series.count > 1 { table += "<td>\(text.mean(row.cityMean))</td>" }
        if series.count > 2 {
            let values = series[2].values.values
            table += "<td>\(text.mean(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)))</td>"
        }
        table += "</tr>\n</tbody></table>\n"
        return "<div class=\"score-block\">\n" + svg + table + "</div>\n"
    }

    private func proposal(_ project: CaseSite.SiteProject) -> String {
        let id = e(project.id)
        var h = "<section aria-labelledby=\"\(id)-proposal\">\n<h2 id=\"\(id)-proposal\">\(e(text.proposal))</h2>\n"
        guard let p = project.proposal else { return h + "<p>\(e(text.noProposal))</p>\n</section>\n" }
        h += "<dl class=\"comments\">\n"
        for (label, value) in [(text.localIssue, p.localIssue), (text.purpose, p.purpose), (text.description, p.description),
                               (text.expectedEffect, p.expectedEffect), (text.orgRole, p.orgRole), (text.cityRole, p.cityRole)]
        where !value.isEmpty {
            h += "<dt>\(e(label))</dt><dd>\(HTMLText.lines(value))</dd>\n"
        }
        return h + "</dl>\n</section>\n"
    }

    /// The project's other years: the cross-year path's steps, each linked to its own page.
    private func path(_ project: CaseSite.SiteProject) -> String {
        let id = e(project.id)
        var h = "<section aria-labelledby=\"\(id)-path\" class=\"path\">\n<h2 id=\"\(id)-path\">\(e(text.pathHeading))</h2>\n"
        let pages = Dictionary(site.otherYears(of: project).map { ($0.year, (id: $0.id, file: $0.file)) }, uniquingKeysWith: { a, _ in a })
        var steps = site.paths[project.key]?.steps.map { (year: $0.fiscalYear, number: $0.yearNumber, mean: $0.mean) } ?? []
        // Years with only a proposal or a 中間 are not steps of the comparison, but have pages.
        for (year, _) in pages where !steps.contains(where: { $0.year == year }) { steps.append((year, nil, nil)) }
        if !steps.contains(where: { $0.year == project.year }) { steps.append((project.year, project.proposal?.yearNumber, project.main?.mean)) }
        steps.sort { $0.year < $1.year }
        guard steps.count > 1 else { return h + "<p>\(e(text.noPath))</p>\n</section>\n" }
        h += "<table><thead><tr><th scope=\"col\">\(e(text.year))</th><th scope=\"col\">\(e(text.yearNumber))</th><th scope=\"col\">\(e(text.mean))</th></tr></thead>\n<tbody>\n"
        for step in steps {
            let label = e(text.yearLabel(step.year))
            let cell: String
            if step.year == project.year {
                cell = "<span aria-current=\"page\">\(label)\(e(text.thisYear))</span>"
            } else if let page = pages[step.year] {
                cell = "<a href=\"\(e(page.file))#\(e(page.id))\">\(label)</a>"
            } else {
                cell = label
            }
            h += "<tr><th scope=\"row\">\(cell)</th><td>\(step.number.map(String.init) ?? "—")</td><td>\(text.mean(step.mean))</td></tr>\n"
        }
        return h + "</tbody></table>\n</section>\n"
    }
}
