#ifndef LEMMA_COMPILER_PRELOAD_H
#define LEMMA_COMPILER_PRELOAD_H

/// The Swift runtime's entry point that every Swift image's start-up code calls with the image's
/// metadata sections (conformances, type records). libLemmaCompilerPreload.so, preloaded into
/// a Swift compiler frontend, passes every image on to the runtime except the compiler's own
/// build of swift-syntax (`lib_CompilerSwift*.so`), which a compile without macros never runs.
void swift_addNewDSOImage(const void *sections);

#endif
