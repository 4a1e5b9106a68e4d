#ifndef FURIKAERI_CXLSXWRITER_SHIM_H
#define FURIKAERI_CXLSXWRITER_SHIM_H
#include <errno.h>
#include <stdio.h>
#include <xlsxwriter.h>

/// workbook_close without libxlsxwriter's own "[ERROR] workbook_close(): ..." lines, which it
/// prints to stderr itself: stdio's stderr points at /dev/null for the call (Swift's own messages
/// go to file descriptor 2 directly and are not affected). `error_number` gets errno as it was
/// right after the call (0 when the library did not set it). The caller holds the one lock that
/// serialises workbook closing in the process (WorkbookClosing in XLSXWriting), so the swap is never nested.
static inline lxw_error furikaeri_workbook_close_quietly(lxw_workbook *workbook, int *error_number) {
    FILE *saved = stderr;
    FILE *sink = fopen("/dev/null", "w");
    if (sink) stderr = sink;
    errno = 0;
    lxw_error result = workbook_close(workbook);
    *error_number = errno;
    if (sink) {
        stderr = saved;
        fclose(sink);
    }
    return result;
}
#endif
