#ifndef FURIKAERI_CZIP_SHIM_H
#define FURIKAERI_CZIP_SHIM_H
#include <zip.h>
#endif
