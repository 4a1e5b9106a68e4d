#ifndef FURIKAERI_CCRYPTO_SHIM_H
#define FURIKAERI_CCRYPTO_SHIM_H
/*
 * OpenSSL's libcrypto (Debian libssl-dev), for SHA-256 through its EVP digests: the hashes of the
 * files furikaeri reads and stores. Only the EVP interface is used.
 */
#include <openssl/evp.h>

#endif
