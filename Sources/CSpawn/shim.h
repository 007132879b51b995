// glibc's posix_spawn extensions that set the child's working directory (glibc 2.29+) and
// close its descriptors from one on (2.34+), and pipe2, which the C module Glibc does not
// export (they are declared only under _GNU_SOURCE).
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *__restrict actions,
                                                const char *__restrict path);

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

extern int pipe2(int pipefd[2], int flags);

// A descriptor that polls readable once process `pid` has ended (Linux 5.3+), or -1.
static inline int lemma_pidfd_open(pid_t pid) {
#ifdef SYS_pidfd_open
  return (int)syscall(SYS_pidfd_open, pid, 0);
#else
  return -1;
#endif
}
