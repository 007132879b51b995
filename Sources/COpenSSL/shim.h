// OpenSSL's libcrypto (Debian's libssl-dev), for SHA-256 through the EVP interface.
#include <openssl/evp.h>
