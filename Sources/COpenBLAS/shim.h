// OpenBLAS's CBLAS interface (Debian's libopenblas-dev; found through pkg-config `openblas`).
#include <cblas.h>
