#ifndef FURIKAERI_CXLSXWRITER_SHIM_H
#define FURIKAERI_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif
