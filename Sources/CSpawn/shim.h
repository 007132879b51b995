// glibc's posix_spawn extension that sets the child's working directory (glibc 2.29+), which
// the C module Glibc does not export (it is declared only under _GNU_SOURCE).
#include <spawn.h>

extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions,
                                                const char *__restrict path);
