// OpenBLAS's CBLAS interface (Debian's libopenblas-dev; found through pkg-config `openblas`).
#include <cblas.h>
#if defined(__linux__)
// glibc's mallopt, which Learning's AllocatorTuning uses around its BLAS-backed training loops
// (Swift's Glibc module does not include malloc.h).
#include <malloc.h>
#endif
