/* The floor for reading: for each workbook given on the command line, inflate every worksheet
 * and the shared strings with libzip and tokenize them with a libxml2 SAX2 push parser whose
 * callbacks do nothing but count. No values are interpreted; no part is looked up through the
 * package relationships. Anything a real reader does costs at least this much.
 *
 *   cc -O2 floor.c $(pkg-config --cflags --libs libzip libxml-2.0) -o floor
 *   ./floor FILE.xlsx...            prints the number of elements and bytes seen
 */
#include <stdio.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>

static long elements, characters;

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes,
                     int nb_defaulted, const xmlChar **attributes) {
    (void)ctx; (void)localname; (void)prefix; (void)uri; (void)nb_namespaces; (void)namespaces;
    (void)nb_attributes; (void)nb_defaulted; (void)attributes;
    elements++;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; characters += len; }

static void on_error(void *ctx, xmlErrorPtr error) { (void)ctx; (void)error; }

static int tokenize(zip_t *za, zip_uint64_t index, xmlSAXHandler *sax) {
    zip_file_t *zf = zip_fopen_index(za, index, 0);
    if (!zf) return -1;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(sax, NULL, NULL, 0, NULL);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    static char buffer[64 * 1024];
    zip_int64_t n;
    int rc = 0;
    while ((n = zip_fread(zf, buffer, sizeof buffer)) > 0) {
        if (xmlParseChunk(ctxt, buffer, (int)n, 0) != 0) { rc = -1; break; }
    }
    if (rc == 0 && xmlParseChunk(ctxt, buffer, 0, 1) != 0) rc = -1;
    xmlFreeParserCtxt(ctxt);
    zip_fclose(zf);
    return rc;
}

int main(int argc, char **argv) {
    xmlInitParser();
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.characters = on_chars;
    sax.serror = on_error;
    int failures = 0;
    for (int i = 1; i < argc; i++) {
        int error = 0;
        zip_t *za = zip_open(argv[i], ZIP_RDONLY, &error);
        if (!za) { failures++; continue; }
        zip_int64_t count = zip_get_num_entries(za, 0);
        for (zip_int64_t k = 0; k < count; k++) {
            const char *name = zip_get_name(za, (zip_uint64_t)k, 0);
            if (!name) continue;
            if ((strncmp(name, "xl/worksheets/", 14) == 0 && strchr(name + 14, '/') == NULL)
                || strcmp(name, "xl/sharedStrings.xml") == 0) {
                if (tokenize(za, (zip_uint64_t)k, &sax) != 0) failures++;
            }
        }
        zip_discard(za);
    }
    printf("%ld elements, %ld character bytes, %d failures\n", elements, characters, failures);
    return failures ? 1 : 0;
}
