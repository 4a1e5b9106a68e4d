// Summary workbook and CSV. (filled in by the reports work)
