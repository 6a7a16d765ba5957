/* fuzz_file.h -- the fuzz input as a file: the readers take a path (zlib
 * opens it and detects gzip by content), so each input is written to one
 * memfd per process and read back through /proc/self/fd/N. */
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The path of a file holding exactly data[0..size); aborts if it cannot. */
const char *fz_file(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
