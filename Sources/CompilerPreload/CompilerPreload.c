// Preloaded (LD_PRELOAD) into the Swift compiler's frontend by Lemma, for compiles of programs
// that expand no macros.
//
// swift-frontend loads thirteen libraries of the compiler's own swift-syntax build
// (lib_CompilerSwift*.so, 5,800 protocol conformance records of the 8,700 in the process) and,
// compiling a program without macros, never runs their code. The Swift runtime still registers
// their records, and every protocol conformance it has not yet looked up (thousands, from the
// compiler's Swift-written SIL passes) is a scan of every record it registered: 22% of a
// frontend's instructions compiling benchmarks/coin.md. Left unregistered, they are never
// scanned; the objects the frontend writes are the same byte for byte.
//
// Every other image is passed on to the runtime's own swift_addNewDSOImage, found as the next
// definition after this library's.
#define _GNU_SOURCE
#include "CompilerPreload.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*ImageRegistration)(const void *sections);

/// The runtime's registration, looked up once (images may be registered from several threads).
static ImageRegistration runtimeRegistration(void) {
  static ImageRegistration found;
  ImageRegistration registration = __atomic_load_n(&found, __ATOMIC_ACQUIRE);
  if (registration == NULL) {
    registration = (ImageRegistration)dlsym(RTLD_NEXT, "swift_addNewDSOImage");
    __atomic_store_n(&found, registration, __ATOMIC_RELEASE);
  }
  return registration;
}

/// Whether the image holding `sections` is one of the compiler's swift-syntax libraries.
static int isCompilerSwiftSyntax(const void *sections) {
  Dl_info info;
  if (dladdr(sections, &info) == 0 || info.dli_fname == NULL) return 0;
  const char *slash = strrchr(info.dli_fname, '/');
  const char *name = slash ? slash + 1 : info.dli_fname;
  return strncmp(name, "lib_CompilerSwift", strlen("lib_CompilerSwift")) == 0;
}

void swift_addNewDSOImage(const void *sections) {
  if (isCompilerSwiftSyntax(sections)) return;
  ImageRegistration registration = runtimeRegistration();
  if (registration == NULL) {
    // Not under a Swift runtime after all: stop rather than run with images unknown to it
    // (Lemma compiles again without this library when a frontend dies of a signal).
    fputs("libLemmaCompilerPreload: no swift_addNewDSOImage after this library's\n", stderr);
    abort();
  }
  registration(sections);
}
