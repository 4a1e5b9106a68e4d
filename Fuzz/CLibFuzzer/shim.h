#ifndef FURIKAERI_CLIBFUZZER_SHIM_H
#define FURIKAERI_CLIBFUZZER_SHIM_H
/*
 * libFuzzer's own driver, as its FuzzerInterface.h declares it. Nothing is linked here: the symbol
 * comes with -sanitize=fuzzer (scripts/fuzz.sh), and only the FUZZING build calls it.
 */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
