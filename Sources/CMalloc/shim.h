// glibc's allocator controls (mallopt), which the C module Glibc does not export.
#include <malloc.h>
