#ifndef FURIKAERI_CLIBXML2_SHIM_H
#define FURIKAERI_CLIBXML2_SHIM_H
// libxml2's headers pull in ICU when it is enabled, and ICU's UErrorCode clashes with the copy
// Foundation ships. Read the version header first, then switch ICU off before the rest.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
#endif
