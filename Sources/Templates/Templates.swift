// Blank forms written with libxlsxwriter. (filled in by the forms work)
