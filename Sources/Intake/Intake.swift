// Workspace, ledger, archive. (filled in by the intake work)
